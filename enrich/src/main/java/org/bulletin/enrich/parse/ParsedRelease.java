package org.bulletin.enrich.parse;

import java.time.LocalDate;
import java.util.List;

/**
 * One release cut out of a document, cleaned of page chrome.
 *
 * @param title        headline, without an appended date
 * @param titleDerived true when the source had no headline and the title was taken from the first sentence
 * @param publishedDate date stated for the release, or null
 * @param paragraphs   body paragraphs in order
 * @param signature    a signature line ("The CSTO Press Secretary ..."), or null
 */
public record ParsedRelease(
        String title, boolean titleDerived, LocalDate publishedDate, List<String> paragraphs, String signature) {

    /** Body paragraphs joined by blank lines. */
    public String bodyText() {
        return String.join("\n\n", paragraphs);
    }
}
