package org.bulletin.enrich.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw body bytes into text: byte-order mark, then the declared charset, then an HTML meta charset, then strict
 * UTF-8, then windows-1251 (still common on Russian-language sites), then ISO-8859-1. Never throws.
 */
public final class TextDecoder {

    private static final Pattern META_CHARSET =
            Pattern.compile("(?i)<meta[^>]{0,200}charset\\s*=\\s*[\"']?([A-Za-z0-9_\\-:.]{2,40})");
    private static final Charset CP1251 = charsetOrNull("windows-1251");

    private TextDecoder() {}

    /** Decodes {@code body}; {@code charset} and {@code contentType} are hints and may be null or wrong. */
    public static String decode(byte[] body, String charset, String contentType) {
        if (body == null || body.length == 0) {
            return "";
        }
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xFE && (body[1] & 0xff) == 0xFF) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xFF && (body[1] & 0xff) == 0xFE) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
        }
        Charset declared = charsetOrNull(charset);
        if (declared == null) {
            String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            // Only markup declares a charset: skip the case-insensitive scan when there is no tag at all.
            if (head.indexOf('<') >= 0 && m.find()) {
                declared = charsetOrNull(m.group(1));
            }
        }
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return new String(body, declared);
        }
        String utf8 = strictUtf8(body);
        if (utf8 != null) {
            return utf8;
        }
        if (CP1251 != null && looksLikeCp1251(body)) {
            return new String(body, CP1251);
        }
        return declared != null ? new String(body, declared) : new String(body, StandardCharsets.ISO_8859_1);
    }

    private static String strictUtf8(byte[] body) {
        // The JDK's lenient decoder is several times faster than a reporting CharsetDecoder; it marks malformed input
        // with U+FFFD, so a result without one is exactly what the strict decoder would return.
        String lenient = new String(body, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null; // not UTF-8; the caller tries the legacy encodings
        }
    }

    private static boolean looksLikeCp1251(byte[] body) {
        int high = 0;
        int cyrillic = 0;
        for (byte b : body) {
            int v = b & 0xff;
            if (v >= 0x80) {
                high++;
                if (v >= 0xC0) {
                    cyrillic++;
                }
            }
        }
        return high > 0 && cyrillic * 10 >= high * 7;
    }

    private static Charset charsetOrNull(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip().toLowerCase(Locale.ROOT).replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null; // an unknown declared charset is treated as undeclared
        }
    }
}
