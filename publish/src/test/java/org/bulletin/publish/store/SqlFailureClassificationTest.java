package org.bulletin.publish.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a failed SQL statement is handled, by SQLSTATE (#15): only an outage is waited out, only bad data is
 * dead-lettered, and everything else stops the stage; before, an undefined table paused and resumed consumption for ever.
 */
@Tag("issue-15")
class SqlFailureClassificationTest {

    @ParameterizedTest(name = "SQLSTATE {0} ({2}) -> {1}")
    @CsvSource({
        "08001, UNAVAILABLE, cannot connect",
        "08006, UNAVAILABLE, connection failure",
        "08003, UNAVAILABLE, connection does not exist",
        "40001, UNAVAILABLE, serialization failure",
        "40P01, UNAVAILABLE, deadlock detected",
        "53100, UNAVAILABLE, disk full",
        "53300, UNAVAILABLE, too many connections",
        "57P01, UNAVAILABLE, admin shutdown",
        "57014, UNAVAILABLE, query canceled",
        "22001, REJECTED, string data right truncation",
        "22P02, REJECTED, invalid text representation",
        "23502, REJECTED, not null violation",
        "23505, REJECTED, unique violation",
        "42P01, FAILED, undefined table",
        "42S02, FAILED, table not found (H2)",
        "42601, FAILED, syntax error",
        "42501, FAILED, insufficient privilege",
        "42703, FAILED, undefined column",
        "40002, FAILED, integrity constraint violation at commit in another class than 23",
        "0A000, FAILED, feature not supported",
        "XX000, FAILED, internal error",
        "P0001, FAILED, raise exception",
    })
    void shouldTranslateEachSqlStateClass(String state, String expected, String what) {
        StoreException translated = SqlFailures.translate("write 1 release(s)", new SQLException(what, state));

        assertThat(kind(translated)).as("SQLSTATE %s (%s)", state, what).isEqualTo(expected);
        assertThat(translated).hasMessageStartingWith("write 1 release(s)");
        if (expected.equals("FAILED")) {
            assertThat(translated).hasMessageContaining(state).hasMessageContaining(what);
        }
    }

    @Test
    void shouldStopOnAFailureThatSaysNothingAboutItself() {
        assertThat(SqlFailures.translate("read offsets", new SQLException("no state at all")))
                .isInstanceOf(StoreFailedException.class);
    }

    @Test
    void shouldWaitOutAFailureTheDriverTypesAsTransientWhateverItsState() {
        StoreException translated = SqlFailures.translate(
                "read outbox", new SQLTransientConnectionException("pool exhausted", (String) null));

        assertThat(translated).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void shouldReadTheStateOfTheChainedExceptionWhenABatchCarriesNone() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 3 was aborted", null, 0, new int[0]);
        batch.setNextException(new SQLException("relation \"releases\" does not exist", "42P01"));

        assertThat(SqlFailures.translate("write 5 release(s)", batch))
                .isInstanceOf(StoreFailedException.class)
                .hasMessageContaining("42P01");
    }

    private static String kind(StoreException e) {
        if (e instanceof StoreUnavailableException) {
            return "UNAVAILABLE";
        }
        if (e instanceof RecordRejectedException) {
            return "REJECTED";
        }
        return e instanceof StoreFailedException ? "FAILED" : e.getClass().getSimpleName();
    }
}
