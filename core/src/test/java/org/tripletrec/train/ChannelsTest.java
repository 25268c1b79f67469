package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The channel plan of a config and the join, against hand-written values. */
class ChannelsTest {
    @Test
    void aConfigWithoutChannelsIsItsMainChannelAlone() {
        TrainerConfig config = Presets.single().toBuilder().exposureWeight(0).dislikeWeight(0).threads(2).build();
        Channels plan = Channels.of(config);
        assertThat(plan.size()).isEqualTo(1);
        assertThat(plan.get(0).config()).isEqualTo(config);
        assertThat(plan.get(0).policy()).isEqualTo(config.policy());
        assertThat(plan.weights()).containsExactly(1f);
    }

    @Test
    void thePlanNamesEachChannelsConfigLabelsSeedAndWeight() {
        TrainerConfig config = Presets.single().toBuilder().seed(7).threads(6).sampler("warp")
                .exposureWeight(0.5f).dislikeWeight(2f).build();
        Channels plan = Channels.of(config);
        assertThat(plan.list()).extracting(Channels.Channel::name).containsExactly("main", "exposure", "preference");
        assertThat(plan.weights()).containsExactly(1f, 0.5f, 2f);
        for (Channels.Channel c : plan.list()) {
            assertThat(c.config().hasChannels()).isFalse();
            assertThat(c.config().threads()).isEqualTo(2); // 6 threads over 3 channels
            assertThat(c.config().dim()).isEqualTo(config.dim());
        }
        assertThat(plan.get(0).config().sampler()).isEqualTo("warp");
        assertThat(plan.get(0).config().seed()).isEqualTo(7);
        assertThat(plan.get(0).policy()).isEqualTo(config.policy());
        assertThat(plan.get(1).config().sampler()).isEqualTo("popularity");
        assertThat(plan.get(1).policy()).isEqualTo(Channels.EVERY_RATING);
        assertThat(plan.get(2).config().sampler()).isEqualTo("explicit");
        assertThat(plan.get(2).policy()).isEqualTo(config.policy());
        assertThat(plan.list()).extracting(c -> c.config().seed()).doesNotHaveDuplicates();
        assertThat(plan.config().modelDim()).isEqualTo(3 * config.dim());

        Channels preferenceOnly = Channels.of(config.toBuilder().exposureWeight(0).build());
        assertThat(preferenceOnly.list()).extracting(Channels.Channel::name).containsExactly("main", "preference");
        // a channel's seed does not depend on which other channels there are
        assertThat(preferenceOnly.get(1).config().seed()).isEqualTo(plan.get(2).config().seed());
    }

    @Test
    void rowsGoSideBySideTimesTheWeightsAndBiasesAreTheWeightedSum() {
        // two rows of dim 2 in each of two channels
        float[][] parts = {{1, 2, 3, 4}, {10, 20, 30, 40}};
        float[] users = new float[8];
        Channels.joinRows(parts, new float[] {1f, 0.5f}, 2, users);
        assertThat(users).containsExactly(1, 2, 5, 10, 3, 4, 15, 20);
        float[] items = new float[8];
        Channels.joinRows(parts, null, 2, items);
        assertThat(items).containsExactly(1, 2, 10, 20, 3, 4, 30, 40);
        float[] bias = {99, 99};
        Channels.joinBias(new float[][] {{1, -1}, {4, 2}}, new float[] {1f, 0.5f}, bias);
        assertThat(bias).containsExactly(3, 0);
    }
}
