package org.bulletin.publish.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void shouldAcceptOnlyTheConfiguredTokenAsABearerHeader() {
        BearerToken t = BearerToken.of("s3cret");

        assertThat(t.matches("Bearer s3cret")).isTrue();
        assertThat(t.matches("bearer   s3cret  ")).isTrue();
        assertThat(t.matches("Bearer s3cre")).isFalse();
        assertThat(t.matches("Bearer s3cret!")).isFalse();
        assertThat(t.matches("Basic s3cret")).isFalse();
        assertThat(t.matches("s3cret")).isFalse();
        assertThat(t.matches("Bearer ")).isFalse();
        assertThat(t.matches(null)).isFalse();
    }

    @Test
    void shouldRefuseAnEmptyToken() {
        assertThatThrownBy(() -> BearerToken.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
