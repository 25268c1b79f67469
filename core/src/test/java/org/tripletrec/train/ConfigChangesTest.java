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
        assertThat(ConfigChanges.apply(Presets.single(), odd.toProperties())).isEqualTo(odd);
    }

    @Test
    void keysLeftOutKeepTheBaseValue() {
        TrainerConfig c = ConfigChanges.apply(Presets.seed(), Map.of("dim", "16", "dislike_weight", "3"));
        assertThat(c).isEqualTo(Presets.seed().toBuilder().dim(16).dislikeWeight(3f).build());
    }

    @Test
    void unknownKeysAndWrongTypesNameTheKey() {
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.single(), Map.of("dimm", "16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown config key 'dimm' (known: dim, epochs,");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.single(), Map.of("dim", "16.5")))
                .hasMessage("config key 'dim' must be a whole number, got '16.5'");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.single(), Map.of("learning_rate", "fast")))
                .hasMessage("config key 'learning_rate' must be a number, got 'fast'");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.single(), Map.of("item_bias", "yes")))
                .hasMessage("config key 'item_bias' must be true or false, got 'yes'");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.single(), Map.of("dislike_weight", "-1")))
                .hasMessage("config: dislike weight must be 0 or more");
        assertThatThrownBy(() -> ConfigChanges.apply(Presets.single(), Map.of("loss", "squared")))
                .hasMessageContaining("unknown loss 'squared'");
    }

    @Test
    void modelFilesFromBeforeChannelsReadAsChannelFree() {
        Map<String, String> old = new java.util.LinkedHashMap<>(Presets.single().toProperties());
        old.remove("exposure_weight");
        old.remove("dislike_weight");
        TrainerConfig c = TrainerConfig.fromProperties(old);
        assertThat(c.hasChannels()).isFalse();
        assertThat(c.exposureWeight()).isZero();
        assertThat(c.dislikeWeight()).isZero();
    }

    @Test
    void theChannelsOwnParametersAreKeysOnlyWhenSetAndReadBack() {
        TrainerConfig plain = Presets.single().toBuilder().exposureWeight(0.5f).dislikeWeight(1f).build();
        assertThat(plain.toProperties()).doesNotContainKeys("channel_loss", "channel_learning_rate",
                "channel_user_reg", "channel_item_reg");
        assertThat(plain.hasChannelParams()).isFalse();
        assertThat(plain.forChannel()).isEqualTo(plain);

        TrainerConfig own = ConfigChanges.apply(plain, Map.of("channel_loss", "bpr", "channel_learning_rate", "0.1",
                "channel_user_reg", "0.04", "channel_item_reg", "0.02"));
        assertThat(own.hasChannelParams()).isTrue();
        assertThat(own.toProperties()).containsEntry("channel_loss", "bpr").containsEntry("channel_item_reg", "0.02");
        assertThat(ConfigChanges.apply(Presets.seed(), own.toProperties())).isEqualTo(own);
        assertThat(own.forChannel()).isEqualTo(plain.toBuilder().loss(Loss.BPR).learningRate(0.1f).userReg(0.04f)
                .itemReg(0.02f).build());
        // one key alone: the others stay the main model's
        TrainerConfig lrOnly = ConfigChanges.apply(plain, Map.of("channel_learning_rate", "0.2"));
        assertThat(lrOnly.forChannel()).isEqualTo(plain.toBuilder().learningRate(0.2f).build());

        // a whole config without the channel keys (a file written before they existed, or with none set) is
        // that config, even over a base that sets them; a partial one keeps the base's
        assertThat(ConfigChanges.apply(own, plain.toProperties())).isEqualTo(plain);
        assertThat(ConfigChanges.apply(own, Map.of("dim", "16")).forChannel().loss()).isEqualTo(Loss.BPR);
        assertThatThrownBy(() -> ConfigChanges.apply(plain, Map.of("channel_loss", "squared")))
                .hasMessageContaining("unknown loss 'squared'");
        assertThatThrownBy(() -> ConfigChanges.apply(plain, Map.of("channel_learning_rate", "fast")))
                .hasMessage("config key 'channel_learning_rate' must be a number, got 'fast'");
        assertThatThrownBy(() -> ConfigChanges.apply(plain, Map.of("channel_user_reg", "-0.1")))
                .hasMessage("config: channel L2 terms must not be negative");
        assertThatThrownBy(() -> ConfigChanges.apply(plain, Map.of("channel_lr", "0.1")))
                .hasMessageContaining("channel_learning_rate, channel_user_reg, channel_item_reg)");
    }
}
