package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DataLocatorTest {
    @Test
    void explicitThenEnvironmentThenHome() {
        assertThat(DataLocator.resolve("/x/data", "/env", "/home/me")).isEqualTo(Path.of("/x/data"));
        assertThat(DataLocator.resolve(null, "/env", "/home/me")).isEqualTo(Path.of("/env"));
        assertThat(DataLocator.resolve("  ", "", "/home/me")).isEqualTo(Path.of("/home/me/.tripletrec/data"));
    }

    @Test
    void expandsTilde() {
        assertThat(DataLocator.resolve("~/d", null, "/home/me")).isEqualTo(Path.of("/home/me/d"));
        assertThat(DataLocator.resolve(null, "~", "/home/me")).isEqualTo(Path.of("/home/me"));
    }
}
