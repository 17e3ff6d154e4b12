package org.bulletin.enrich.parse;

import java.time.LocalDate;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reduces an HTML page to its headline, date and main text with jsoup. The main text comes from {@link ArticleExtractor}
 * (the article body without the page's chrome, paragraphs separated by one blank line, the headline not repeated); the
 * headline from h1, og:title or the title minus its site-name suffix; the date from the page's metadata. Thread-safe;
 * never throws.
 */
public final class HtmlText {

    /** What a page yields: the headline (or null), the date from metadata (or null), and block text. */
    public record Page(String title, LocalDate date, String text) {}

    private static final Pattern TITLE_SUFFIX = Pattern.compile("\\s+[|–—-]\\s+[^|–—-]{2,60}$");

    private HtmlText() {
    }

    /** True when the content type or the first bytes say HTML. */
    public static boolean looksLikeHtml(String contentType, String text) {
        if (contentType != null && contentType.toLowerCase().contains("html")) {
            return true;
        }
        String head = text.length() > 2000 ? text.substring(0, 2000) : text;
        String lower = head.stripLeading().toLowerCase();
        return lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<body")
                || (lower.startsWith("<") && (lower.contains("<p>") || lower.contains("<div")));
    }

    /** Extracts headline, metadata date and the article's main text (blocks separated by a blank line) from {@code html}. */
    public static Page parse(String html) {
        try {
            Document doc = Jsoup.parse(html == null ? "" : html);
            String title = title(doc);
            LocalDate date = metaDate(doc);
            String text = ArticleExtractor.extract(doc, title);
            return new Page(title, date, text);
        } catch (RuntimeException | StackOverflowError e) {
            return new Page(null, null, "");
        }
    }

    private static String title(Document doc) {
        String title = null;
        Element h1 = doc.selectFirst("h1");
        if (h1 != null && !h1.text().isBlank() && h1.text().length() <= 300) {
            title = h1.text();
        }
        if (title == null || title.isBlank()) {
            title = meta(doc, "meta[property=og:title]");
        }
        if (title == null || title.isBlank()) {
            title = TITLE_SUFFIX.matcher(doc.title()).replaceFirst("");
        }
        return title == null || title.isBlank() ? null : title.strip();
    }

    private static String meta(Document doc, String selector) {
        Element e = doc.selectFirst(selector);
        return e == null ? null : e.attr("content");
    }

    private static LocalDate metaDate(Document doc) {
        String ld = JsonLd.datePublished(doc);
        LocalDate fromLd = ld == null ? null : DateParser.firstAbsolute(ld);
        Elements candidates = doc.select("meta[property=article:published_time], meta[name=date], meta[itemprop=datePublished], "
                + "meta[name=pubdate], meta[name=publish-date], meta[property=og:published_time], meta[name=dc.date], "
                + "meta[name=DC.date.issued], meta[name=sailthru.date], meta[name=parsely-pub-date]");
        for (Element e : candidates) {
            String v = e.hasAttr("content") ? e.attr("content") : e.attr("datetime");
            LocalDate d = DateParser.firstAbsolute(v);
            if (d != null) {
                return d;
            }
        }
        if (fromLd != null) {
            return fromLd;
        }
        for (Element e : doc.select("[itemprop=datePublished], time[datetime]")) {
            String v = e.hasAttr("content") ? e.attr("content") : e.hasAttr("datetime") ? e.attr("datetime") : e.text();
            LocalDate d = DateParser.firstAbsolute(v);
            if (d != null) {
                return d;
            }
        }
        return null;
    }
}
