package org.tripletrec.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.io.Exporter;
import org.tripletrec.model.EmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a model's tables for NumPy, pandas or a spreadsheet. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a model's user and item vectors (and item biases) with their ids.",
                "Writes user_factors, item_factors[, item_bias] as .npy (float32) or .csv, and user_ids.txt,"
                        + " item_ids.txt (one id per line, in row order)."},
        footer = {"", "Example:", "  tripletrec export --model model.bin --format npy --out vectors/"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "npy",
            description = "npy or csv. Default: ${DEFAULT-VALUE}.")
    Exporter.Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Folder to write into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " is a file; give a folder");
        }
        EmbeddingModel m = model.load();
        Exporter.export(m, format, out);
        String ext = format.name().toLowerCase(Locale.ROOT);
        spec.commandLine().getOut().printf(Locale.ROOT, "exported %,d users and %,d items (dim %d) to %s:"
                        + " user_factors.%s, item_factors.%s%s, user_ids.txt, item_ids.txt%n",
                m.numUsers(), m.numItems(), m.dim(), out, ext, ext, m.hasItemBias() ? ", item_bias." + ext : "");
        spec.commandLine().getOut().flush();
        return ErrorHandler.OK;
    }
}
