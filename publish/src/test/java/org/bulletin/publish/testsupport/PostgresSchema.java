package org.bulletin.publish.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the local PostgreSQL test database, for one test class. PostgreSQL being down fails the test
 * (#15), as {@code bulletin-testing}'s PostgresTestDatabase does: the README's test command starts it, so a silent
 * skip would only hide that the PostgreSQL half of the store suite never ran.
 */
public final class PostgresSchema {

    public static final String BASE_URL =
            System.getProperty("bulletin.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("bulletin.test.postgres.user", "postgres");

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    public static PostgresSchema create() {
        return create(BASE_URL, USER);
    }

    static PostgresSchema create(String baseUrl, String user) {
        String name = "publish_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl, user, "");
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is required at " + baseUrl + " (user " + user + "); start it "
                            + "with 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' (scripts/test.sh "
                            + "does): " + e.getMessage(),
                    e);
        }
        return new PostgresSchema(name);
    }

    public String jdbcUrl() {
        return BASE_URL + "?currentSchema=" + name;
    }

    public void drop() {
        try (Connection c = DriverManager.getConnection(BASE_URL, USER, "");
                Statement s = c.createStatement()) {
            s.executeUpdate("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + name, e);
        }
    }
}
