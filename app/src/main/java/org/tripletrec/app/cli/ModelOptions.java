package org.tripletrec.app.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import picocli.CommandLine.Option;

/** The model file a command reads. */
public final class ModelOptions {

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true,
            description = "A model file written by 'tripletrec train --model-out'.")
    Path file;

    public Path file() {
        return file;
    }

    public EmbeddingModel load() throws IOException {
        return ModelFormat.load(file);
    }
}
