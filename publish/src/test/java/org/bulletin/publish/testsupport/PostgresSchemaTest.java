package org.bulletin.publish.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store tests fail, saying how to start it, when PostgreSQL is down; they never skip silently (#15). */
@Tag("issue-15")
class PostgresSchemaTest {

    @Test
    void shouldFailNotSkipWhenPostgresIsNotRunning() {
        // Port 1 on loopback: nothing listens there.
        assertThatThrownBy(() -> PostgresSchema.create("jdbc:postgresql://127.0.0.1:1/test", "postgres"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL is required at jdbc:postgresql://127.0.0.1:1/test")
                .hasMessageContaining("pg_ctlcluster");
    }
}
