package org.bulletin.publish.store;

import org.bulletin.publish.testsupport.PostgresSchema;

/** The store suite on the local PostgreSQL (127.0.0.1:5432, db test), in a schema of its own dropped afterwards. */
class PostgresReleaseStoreIT extends AbstractReleaseStoreTest {

    private final PostgresSchema schema = PostgresSchema.create();

    @Override
    protected String jdbcUrl() {
        return schema.jdbcUrl();
    }

    @Override
    protected String user() {
        return PostgresSchema.USER;
    }

    @Override
    protected void dropDatabase() {
        schema.drop();
    }
}
