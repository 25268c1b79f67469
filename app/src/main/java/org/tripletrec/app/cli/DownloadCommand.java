package org.tripletrec.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.data.DataLocator;
import org.tripletrec.data.Downloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Fetches and verifies a MovieLens archive into the data folder. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a MovieLens data set from GroupLens, check its SHA-256 sums and unpack it into"
                + " the data folder. Does nothing when it is already there."},
        footer = {"", "Example:", "  tripletrec download ml-100k --data-dir ~/data"})
public final class DownloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET", description = "ml-100k or ml-latest-small.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder to unpack into (default: $" + DataLocator.ENV + ", else ~/.tripletrec/data).")
    String dataDir;

    @Override
    public Integer call() {
        Downloader.Archive archive = Downloader.archive(dataset); // an unknown name fails here, before any folder is made
        Path target = DownloadBar.download(archive, DataLocator.resolve(dataDir));
        spec.commandLine().getOut().println(dataset + " is in " + target);
        spec.commandLine().getOut().flush();
        return ErrorHandler.OK;
    }
}
