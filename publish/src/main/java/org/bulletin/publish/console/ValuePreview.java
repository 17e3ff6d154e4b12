package org.bulletin.publish.console;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The head of a record's bytes for a person to read: UTF-8 text when the bytes decode as such, hex otherwise (Avro
 * and other binary).
 *
 * @param encoding  {@code utf-8}, {@code hex} or {@code none} (a null value)
 * @param readable  for hex: the same bytes read as UTF-8 with what is no text as {@code ·} (the strings inside an
 *                  Avro record show), else null
 * @param truncated true when only the first bytes are shown
 */
public record ValuePreview(String encoding, String text, String readable, boolean truncated) {

    /** The first {@code max} bytes of {@code value} (a multi-byte character cut at the end is dropped). */
    public static ValuePreview of(byte[] value, int max) {
        if (value == null) {
            return new ValuePreview("none", "", null, false);
        }
        if (value.length == 0) {
            return new ValuePreview("utf-8", "", null, false);
        }
        boolean truncated = value.length > max;
        byte[] head = truncated ? Arrays.copyOf(value, max) : value;
        for (int cut = 0; cut <= (truncated ? 3 : 0) && cut < head.length; cut++) {
            try {
                String text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, head.length - cut))
                        .toString();
                if (!binary(text)) {
                    return new ValuePreview("utf-8", text, null, truncated);
                }
                break;
            } catch (CharacterCodingException e) {
                // not text at this length: a truncated head may end inside a character, so try a little shorter
            }
        }
        return new ValuePreview("hex", HexFormat.ofDelimiter(" ").formatHex(head), readable(head), truncated);
    }

    private static String readable(byte[] bytes) {
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(lenient.length());
        for (int i = 0; i < lenient.length(); i++) {
            char c = lenient.charAt(i);
            boolean text = c >= 0x20 && c != 0x7f && c != '\uFFFD' || c == '\n' || c == '\t';
            out.append(text ? c : '·');
        }
        return out.toString();
    }

    /** Control characters other than white space: valid UTF-8 but not text (e.g. Avro's zero bytes). */
    private static boolean binary(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
        }
        return false;
    }
}
