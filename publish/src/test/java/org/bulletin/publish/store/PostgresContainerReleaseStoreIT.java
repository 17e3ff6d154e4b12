package org.bulletin.publish.store;

import org.junit.jupiter.api.Tag;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The store suite on a throw-away postgres container; skipped where no Docker engine runs. */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class PostgresContainerReleaseStoreIT extends AbstractReleaseStoreTest {

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine");

    @Override
    protected String jdbcUrl() {
        return POSTGRES.getJdbcUrl();
    }

    @Override
    protected String user() {
        return POSTGRES.getUsername();
    }

    @Override
    protected String password() {
        return POSTGRES.getPassword();
    }
}
