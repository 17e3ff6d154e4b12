package org.bulletin.publish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void shouldRoundTripIdsContainingSeparators() {
        Cursor c = new Cursor(LocalDate.of(2024, 5, 1), Instant.ofEpochMilli(1714550400123L), "mfa:42#2|x");
        assertThat(Cursor.decode(c.encode())).isEqualTo(c);
    }

    @Test
    void shouldRejectGarbageWithReason() {
        assertThatThrownBy(() -> Cursor.decode("not a cursor!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cursor");
    }
}
