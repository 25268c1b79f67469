package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SplitSpecTest {
    @Test
    void parsesEveryKind() {
        assertThat(SplitSpec.parse("ua")).isEqualTo(SplitSpec.ua());
        assertThat(SplitSpec.parse(" UB ")).isEqualTo(SplitSpec.ub());
        assertThat(SplitSpec.parse("file")).isEqualTo(SplitSpec.file());
        assertThat(SplitSpec.parse("none")).isEqualTo(SplitSpec.none());
        assertThat(SplitSpec.parse("holdout:0.1")).isEqualTo(SplitSpec.holdout(0.1));
        assertThat(SplitSpec.parse("holdout:10")).isEqualTo(SplitSpec.holdoutCount(10));
        assertThat(SplitSpec.parse("holdout:1")).isEqualTo(SplitSpec.holdoutCount(1));
        assertThat(SplitSpec.parse("last:10")).isEqualTo(SplitSpec.last(10));
    }

    @Test
    void toStringRoundTrips() {
        for (String s : new String[] {"ua", "ub", "file", "none", "holdout:0.25", "holdout:10", "last:3"}) {
            assertThat(SplitSpec.parse(s)).hasToString(s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo", "holdout", "holdout:", "holdout:x", "holdout:0", "holdout:1.0", "holdout:-0.1",
            "last", "last:0", "last:-2", "last:1.5", "ua:3"})
    void rejectsBadSpecsWithTheAcceptedForms(String spec) {
        assertThatThrownBy(() -> SplitSpec.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ua, ub, file, none, holdout:FRACTION");
    }

    @Test
    void messageSaysWhatIsWrong() {
        assertThatThrownBy(() -> SplitSpec.parse("holdout:abc")).hasMessageStartingWith("'holdout:abc' ('abc' is not a number)");
        assertThatThrownBy(() -> SplitSpec.parse("shuffle")).hasMessageStartingWith("unknown split 'shuffle'");
    }
}
