package org.bulletin.publish.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValuePreviewTest {

    @Test
    void shouldShowUtf8AsTextAndCutAtTheLimit() {
        assertThat(ValuePreview.of("<p>Привет</p>".getBytes(StandardCharsets.UTF_8), 100))
                .isEqualTo(new ValuePreview("utf-8", "<p>Привет</p>", null, false));
        assertThat(ValuePreview.of("abcdef".getBytes(StandardCharsets.UTF_8), 3))
                .isEqualTo(new ValuePreview("utf-8", "abc", null, true));
    }

    @Test
    void shouldDropACharacterCutInTwoByTheLimitRatherThanFallBackToHex() {
        byte[] cyrillic = "ОДКБ".getBytes(StandardCharsets.UTF_8); // two bytes each
        assertThat(ValuePreview.of(cyrillic, 3)).isEqualTo(new ValuePreview("utf-8", "О", null, true));
    }

    @Test
    void shouldShowBinaryAsHex() {
        byte[] avro = {0, 0, 0, 0, 7, 8, 'p', 'u', 's', 'h'};
        assertThat(ValuePreview.of(avro, 100))
                .isEqualTo(new ValuePreview("hex", "00 00 00 00 07 08 70 75 73 68", "······push", false));
        assertThat(ValuePreview.of(new byte[] {(byte) 0xff, (byte) 0xfe}, 100).encoding())
                .isEqualTo("hex");
    }

    @Test
    void shouldSayWhenThereIsNoValue() {
        assertThat(ValuePreview.of(null, 10)).isEqualTo(new ValuePreview("none", "", null, false));
        assertThat(ValuePreview.of(new byte[0], 10)).isEqualTo(new ValuePreview("utf-8", "", null, false));
    }
}
