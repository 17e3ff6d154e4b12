package org.bulletin.app.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bulletin.schemas.registry.RegistryProcess;
import org.junit.jupiter.api.Test;

/** An API that is not there is reported with what failed, where and what to do, never as "null". */
class StoreViewHttpTest {

    @Test
    void shouldSayWhyThePublishApiCannotBeReached() throws Exception {
        String base = "http://127.0.0.1:" + RegistryProcess.freePort();
        try (StoreView view = StoreView.http(base)) {
            assertThatThrownBy(() -> view.page(null, null, null, null, 1))
                    .hasMessageContaining("cannot reach the publish API at " + base)
                    .hasMessageContaining("connection refused")
                    .hasMessageContaining("--api")
                    .hasMessageNotContaining("null");
        }
    }
}
