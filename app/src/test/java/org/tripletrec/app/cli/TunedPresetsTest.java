package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tripletrec.cli.ConfigFile;
import org.tripletrec.train.Presets;

/**
 * The presets that {@code tripletrec tune} chose are the configs it wrote: docs/QUALITY.md gives the command that
 * wrote each file in docs/configs, so a preset that drifted from its file would no longer be reproducible.
 */
class TunedPresetsTest {
    /** docs/configs, from the module folder (as Maven runs the tests) or the project's. */
    private static Path configs() {
        Path here = Path.of("docs", "configs");
        return Files.isDirectory(here) ? here : Path.of("..", "docs", "configs");
    }

    @Test
    void cautiousIsTheConfigItsTuneWrote() {
        assertThat(ConfigFile.read(configs().resolve("cautious.json")).config()).isEqualTo(Presets.cautious());
    }

    @Test
    void defaultIsTheConfigItsTuneWrote() {
        assertThat(ConfigFile.read(configs().resolve("default.json")).config()).isEqualTo(Presets.defaults());
        // its main channel is the single model, with the tune's epochs
        assertThat(Presets.defaults().withoutChannelParams().toBuilder().exposureWeight(0).dislikeWeight(0).build())
                .isEqualTo(Presets.single().toBuilder().epochs(Presets.defaults().epochs()).build());
    }

    @Test
    void balancedIsTheConfigItsTuneWrote() {
        assertThat(ConfigFile.read(configs().resolve("default-candidate.json")).config())
                .isEqualTo(Presets.balanced());
    }
}
