package org.tripletrec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tripletrec.data.DataFormatException;
import org.tripletrec.data.DataNotFoundException;
import org.tripletrec.train.ConfigChanges;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;

/**
 * A training config file: a JSON object with the keys of the {@code config} object of a metrics file, which is
 * what {@code tune --out} writes ({@code {"preset": "default", "dim": 64, "sampler": "warp", ...}}); a whole
 * metrics file ({@code train --metrics-out}) is read through its {@code config}. Keys left out keep the value of
 * the file's {@code preset} (else of {@code default}). Values are numbers, booleans or strings. Every problem is
 * one {@code file:line: problem} line. Jackson is an optional dependency of this module: the command line
 * brings its own, and so does Spark.
 */
public final class ConfigFile {
    static final String PRESET_KEY = "preset";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final String preset;
    private final Map<String, String> values;

    private ConfigFile(Path file, String preset, Map<String, String> values) {
        this.file = file;
        this.preset = preset;
        this.values = values;
    }

    /** Reads and checks the file: every key known, every value of its key's type. */
    public static ConfigFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataNotFoundException("config file " + file + " not found"
                    + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataFormatException(file.toString(), at == null ? 0 : Math.max(0, at.getLineNr()),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        boolean metricsFile = root != null && root.isObject() && root.get("config") != null
                && root.get("config").isObject();
        if (metricsFile) {
            root = root.get("config");
        }
        Map<String, Integer> lines = keyLines(file, metricsFile);
        if (root == null || !root.isObject()) {
            throw new DataFormatException(file.toString(), 0, "expected a JSON object of config keys");
        }
        String preset = "default";
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            int line = lines.getOrDefault(e.getKey(), 0);
            if (!v.isValueNode() || v.isNull()) {
                throw new DataFormatException(file.toString(), line, "config key '" + e.getKey()
                        + "' must be a number, a boolean or a string");
            }
            if (e.getKey().equals(PRESET_KEY)) {
                preset = v.asText();
                if (!Presets.NAMES.contains(preset)) {
                    throw new DataFormatException(file.toString(), line, "unknown preset '" + preset + "' ("
                            + String.join(", ", Presets.NAMES) + ")");
                }
                continue;
            }
            values.put(e.getKey(), v.asText());
            try {
                ConfigChanges.apply(Presets.defaults(), Map.of(e.getKey(), v.asText()));
            } catch (IllegalArgumentException bad) {
                throw new DataFormatException(file.toString(), line, bad.getMessage());
            }
        }
        ConfigFile config = new ConfigFile(file, preset, values);
        config.config(); // the keys together, checked now, before any data is loaded
        return config;
    }

    /** The line of each config key: the root's keys, or the keys of a metrics file's "config" object. */
    private static Map<String, Integer> keyLines(Path file, boolean metricsFile) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(file.toFile())) {
            int depth = 0;
            boolean inConfig = !metricsFile;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int want = metricsFile ? 2 : 1;
                    if (metricsFile && depth == 1) {
                        inConfig = name.equals("config");
                    } else if (inConfig && depth == want) {
                        lines.putIfAbsent(name, p.currentLocation().getLineNr());
                    }
                }
            }
        } catch (IOException e) {
            return lines; // the tree was read already; a line number is only a help
        }
        return lines;
    }

    /** The preset the file starts from. */
    public String preset() {
        return preset;
    }

    /** The file's keys (without {@code preset}) as text. */
    public Map<String, String> values() {
        return values;
    }

    /** The file's config: its preset with every key of the file set. */
    public TrainerConfig config() {
        try {
            return ConfigChanges.apply(Presets.byName(preset), values);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file.toString(), 0, e.getMessage());
        }
    }
}
