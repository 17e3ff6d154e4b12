package org.bulletin.publish.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Turns a failed SQL statement into the {@link StoreException} that says what the caller should do, by SQLSTATE
 * class: an outage is waited out, bad data is dead-lettered, anything else stops the stage.
 */
final class SqlFailures {

    private SqlFailures() {}

    /**
     * True when retrying later can succeed without anyone touching the data or the code: connection failures
     * (SQLSTATE class 08), serialization failures and deadlocks (40001, 40P01), insufficient resources (53) and
     * operator intervention (57, e.g. the server shutting down), or a driver exception typed as transient.
     */
    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException
                || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = sqlState(e);
        return state != null
                && (state.startsWith("08")
                        || state.equals("40001")
                        || state.equals("40P01")
                        || state.startsWith("53")
                        || state.startsWith("57"));
    }

    /** True when the data itself was refused (class 22 data exception, 23 integrity violation): retrying cannot help. */
    static boolean isDataError(SQLException e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * Transient failures become {@link StoreUnavailableException} (wait and retry), data errors
     * {@link RecordRejectedException} (dead-letter the record), and anything else (an undefined table, a syntax
     * error, a missing privilege) {@link StoreFailedException}: neither waiting nor skipping the record would help,
     * and retrying would loop for ever while the database answers pings.
     */
    static StoreException translate(String what, SQLException e) {
        if (isTransient(e)) {
            return new StoreUnavailableException(what + " failed, database unavailable: " + e.getMessage(), e);
        }
        if (isDataError(e)) {
            return new RecordRejectedException(
                    what + " rejected by the database (SQLSTATE " + sqlState(e) + "): " + e.getMessage(), e);
        }
        return new StoreFailedException(
                what + " failed with SQLSTATE " + sqlState(e)
                        + ", neither an outage nor bad data (a missing table, a bad statement, a missing privilege?): "
                        + e.getMessage(),
                e);
    }

    /**
     * A failed migration: {@link StoreUnavailableException} when the SQL failure under it is transient, otherwise a
     * plain {@link StoreException} (the schema cannot be brought up to date).
     */
    static StoreException translateMigration(RuntimeException e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SQLException sql && isTransient(sql)) {
            return new StoreUnavailableException("store migration failed: database unavailable", e);
        }
        return new StoreException("store migration failed: " + e.getMessage(), e);
    }

    /** True when {@code e} says a unique key already holds the value (SQLSTATE 23505). */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** The first SQLSTATE of {@code e} or the exceptions chained to it (a batch failure often carries none itself). */
    private static String sqlState(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null) {
                        return s.getSQLState();
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
