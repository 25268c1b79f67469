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
    void theSwitchTurnsItOffAndOtherwiseTheModuleDecides() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(Simd.enabled("false")).isFalse();
        assertThat(Simd.enabled(" FALSE ")).isFalse();
        assertThat(Simd.enabled(null)).isEqualTo(module);
        assertThat(Simd.enabled("true")).isEqualTo(module);
        assertThat(Simd.enabled("")).isEqualTo(module);
    }

    @Test
    void theModuleIsThereInThisTestRun() {
        // core's surefire adds the module, so that the Vector API kernels are tested at all
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        ScoreKernel chosen = Simd.choose(ScoreKernel.class, "org.tripletrec.model.SimdScoreKernel", new ScoreKernel());
        assertThat(chosen.getClass().getSimpleName()).isEqualTo(Simd.enabled() ? "SimdScoreKernel" : "ScoreKernel");
    }
}
