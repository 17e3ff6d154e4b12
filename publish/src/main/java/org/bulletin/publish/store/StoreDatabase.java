package org.bulletin.publish.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The store's database: a connection pool, migrated by Flyway on open, that lends connections to one unit of work
 * at a time and translates its SQL failures (see {@link SqlFailures}). Thread-safe: each unit of work borrows its own
 * pooled connection.
 */
final class StoreDatabase implements AutoCloseable {

    /** Work on a borrowed connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final StoreDialect dialect;
    private final Clock clock;
    private final String storeId;

    private StoreDatabase(HikariDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.dialect = read("open store", StoreDialect::of);
        migrate();
        this.storeId = read("read store id", this::loadOrCreateStoreId);
    }

    /** Opens (and migrates) the database at {@code jdbcUrl}; fails with StoreUnavailableException if unreachable. */
    static StoreDatabase open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isEmpty()) {
            hc.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            hc.setPassword(password);
        }
        // Flyway holds two connections while migrating.
        hc.setMaximumPoolSize(Math.max(2, poolSize));
        hc.setPoolName("bulletin-store");
        hc.setAutoCommit(true);
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        // Fail later, in the call that needs the database, rather than refuse to build the pool while it is down.
        hc.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            return new StoreDatabase(ds, Clock.systemUTC());
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private void migrate() {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common", dialect.migrationLocation())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw SqlFailures.translateMigration(e);
        }
    }

    StoreDialect dialect() {
        return dialect;
    }

    /** Random id made when this store was first created; lets the relay tell its positions from another store's. */
    String storeId() {
        return storeId;
    }

    /** Cheap liveness check (a pooled connection that validates). */
    boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The store's clock in UTC, to the millisecond (what the timestamp columns keep). */
    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs {@code work} on a connection in auto-commit mode; a SQL failure is translated, naming {@code what}. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw SqlFailures.translate(what, e);
        }
    }

    /**
     * Runs {@code work} in one transaction: it commits if {@code work} returns, and rolls back if it throws (a SQL
     * failure is then translated, naming {@code what}; a StoreException passes as it is).
     */
    <T> T transaction(String what, Work<T> work) {
        return read(what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private String loadOrCreateStoreId(Connection c) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement ps = c.prepareStatement("SELECT store_id FROM store_info WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO store_info (id, store_id, created_at) VALUES (1, ?, ?)")) {
                String id = UUID.randomUUID().toString();
                ps.setString(1, id);
                ps.setObject(2, now());
                ps.executeUpdate();
                return id;
            } catch (SQLException e) {
                if (!SqlFailures.isUniqueViolation(e)) {
                    throw e;
                }
                // another process created it first: read theirs
            }
        }
        throw new StoreException("store_info row missing after insert", null);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
