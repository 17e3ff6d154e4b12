package org.bulletin.publish.console;

import java.util.List;

/**
 * A dead letter with its headers and the head of its value, as text when it is UTF-8 and as hex otherwise.
 *
 * @param valueBytes the value's whole size (0 for a null value)
 */
public record DeadLetterDetail(DeadLetter letter, List<Header> headers, int valueBytes, ValuePreview value) {

    /** A record header as text (null when it has no value). */
    public record Header(String name, String value) {}
}
