package org.tripletrec.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Choosing a Vector API implementation never fails: anything unusable falls back to the plain one. */
class SimdTest {

    @Test
    void fallsBackToPlainWhenTheClassIsMissingOrOfAnotherType() {
        ScoreKernel plain = new ScoreKernel();
        assertThat(Simd.choose(ScoreKernel.class, "org.tripletrec.model.NoSuchKernel", plain)).isSameAs(plain);
        assertThat(Simd.choose(ScoreKernel.class, "java.lang.String", plain)).isSameAs(plain);
    }

    @Test
    void honoursTheSwitchAndTheModule() {
        String before = System.getProperty("tripletrec.simd");
        try {
            System.setProperty("tripletrec.simd", "false");
            assertThat(Simd.enabled()).isFalse();
            ScoreKernel plain = new ScoreKernel();
            assertThat(Simd.choose(ScoreKernel.class, "org.tripletrec.model.SimdScoreKernel", plain)).isSameAs(plain);
            System.setProperty("tripletrec.simd", "auto");
            boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            assertThat(Simd.enabled()).isEqualTo(module);
            ScoreKernel chosen = Simd.choose(ScoreKernel.class, "org.tripletrec.model.SimdScoreKernel", plain);
            assertThat(chosen.getClass().getSimpleName()).isEqualTo(module ? "SimdScoreKernel" : "ScoreKernel");
        } finally {
            if (before == null) {
                System.clearProperty("tripletrec.simd");
            } else {
                System.setProperty("tripletrec.simd", before);
            }
        }
    }
}
