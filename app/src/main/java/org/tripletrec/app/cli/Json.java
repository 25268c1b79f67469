package org.tripletrec.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.train.TrainerConfig;

/** JSON output: one configured mapper and the conversions of core types to plain maps. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Json() {}

    static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, value));
    }

    static void print(PrintWriter out, Object value) throws IOException {
        out.println(MAPPER.writeValueAsString(value));
        out.flush();
    }

    /** Metric name to value; NaN (a mean over no user) becomes null, {@code users} an integer. */
    static Map<String, Object> metrics(Metrics m) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (m == null) {
            return map;
        }
        m.asMap().forEach((k, v) -> map.put(k, v.isNaN() ? null
                : Metrics.USERS.equals(k) ? (Object) Math.round(v) : (Object) v));
        return map;
    }

    /** The config's stored form with numbers and booleans typed, plus the preset it started from. */
    static Map<String, Object> config(String preset, TrainerConfig config) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (preset != null) {
            map.put("preset", preset);
        }
        config.toProperties().forEach((k, v) -> map.put(k, typed(v)));
        return map;
    }

    private static Object typed(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) ? (Object) d : v;
            } catch (NumberFormatException notNumber) {
                return v;
            }
        }
    }
}
