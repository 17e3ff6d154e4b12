package org.bulletin.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, uniquely named database on the machine's PostgreSQL (127.0.0.1:5432, trust auth), dropped on close, so
 * test classes never see each other's rows. Host, port and user come from BULLETIN_TEST_PG_HOST/PORT/USER when set.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String name;
    private final String user;

    private PostgresTestDatabase(String adminUrl, String name, String user) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.user = user;
    }

    public static PostgresTestDatabase create() {
        String host = env("BULLETIN_TEST_PG_HOST", "127.0.0.1");
        String port = env("BULLETIN_TEST_PG_PORT", "5432");
        String user = env("BULLETIN_TEST_PG_USER", "postgres");
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        String name = "bulletin_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, user, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is required at " + adminUrl + " (user " + user + "); start it with "
                            + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start': "
                            + e.getMessage(),
                    e);
        }
        return new PostgresTestDatabase(adminUrl, name, user);
    }

    public String jdbcUrl() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return user;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
