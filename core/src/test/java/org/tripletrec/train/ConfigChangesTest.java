package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {

    @Test
    void everyKeyOfAConfigReadsBackToTheSameConfig() {
        TrainerConfig odd = Presets.seed().toBuilder().dim(12).epochs(3).learningRate(0.25f).margin(0.75f)
                .userReg(0.125f).itemBias(true).sampler("0.5*warp+0.5*disliked").threads(3).seed(99L)
                .order(AnchorOrder.BY_USER).exposureWeight(0.5f).dislikeWeight(2.5f).newItemWeight(0.75f).build();
        assertThat(ConfigChanges.apply(Presets.defaults(), odd.toProperties())).isEqualTo(odd);
    }

    @Test
    void keysLeftOutKeepTheBaseValue() {
        TrainerConfig c = ConfigChanges.apply(Presets.seed(), Map.of("dim", "16", "dislike_weight", "3"));
        assertThat(c).isEqualTo(Presets.seed().toBuilder().dim(16).dislikeWeight(3f).build());
    }

    @Test
    void unknownKeysAndWrongTypesNameTheKey() {
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.defaults(), Map.of("dimm", "16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown config key 'dimm' (known: dim, epochs,");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.defaults(), Map.of("dim", "16.5")))
                .hasMessage("config key 'dim' must be a whole number, got '16.5'");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.defaults(), Map.of("learning_rate", "fast")))
                .hasMessage("config key 'learning_rate' must be a number, got 'fast'");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.defaults(), Map.of("item_bias", "yes")))
                .hasMessage("config key 'item_bias' must be true or false, got 'yes'");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.defaults(), Map.of("dislike_weight", "-1")))
                .hasMessage("config: dislike weight must be 0 or more");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.defaults(), Map.of("loss", "squared")))
                .hasMessageContaining("unknown loss 'squared'");
    }

    @Test
    void modelFilesFromBeforeChannelsReadAsChannelFree() {
        Map<String, String> old = new java.util.LinkedHashMap<>(Presets.defaults().toProperties());
        old.remove("exposure_weight");
        old.remove("dislike_weight");
        TrainerConfig c = TrainerConfig.fromProperties(old);
        assertThat(c.hasChannels()).isFalse();
        assertThat(c.exposureWeight()).isZero();
        assertThat(c.dislikeWeight()).isZero();
    }
}
