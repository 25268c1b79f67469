package org.tripletrec.app.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tripletrec.data.Downloader;

/** A download's progress as a bar on the terminal; nothing when the output is not a terminal (a pipe, a test). */
final class DownloadBar implements Downloader.Progress, AutoCloseable {
    private final String name;
    private ProgressBar bar;

    private DownloadBar(String name) {
        this.name = name;
    }

    /** Downloads with a bar on the terminal, if there is one. */
    static java.nio.file.Path download(Downloader.Archive archive, java.nio.file.Path dataDir) {
        if (System.console() == null) {
            return new Downloader().download(archive, dataDir);
        }
        try (DownloadBar bar = new DownloadBar(archive.name())) {
            return new Downloader().withProgress(bar).download(archive, dataDir);
        }
    }

    @Override
    public void bytes(long done, long total) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(total, 0))
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" kB", 1024).setUpdateIntervalMillis(250).build();
        }
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
