package org.bulletin.publish.store;

import java.nio.file.Path;
import org.bulletin.publish.PublishConfig;
import org.junit.jupiter.api.io.TempDir;

/** The store suite on the embedded default: an H2 file in a temporary directory. */
class H2ReleaseStoreTest extends AbstractReleaseStoreTest {

    @TempDir
    static Path dataDir;

    @Override
    protected String jdbcUrl() {
        return PublishConfig.embeddedUrl(dataDir);
    }

    @Override
    protected String user() {
        return "";
    }
}
