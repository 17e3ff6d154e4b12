package org.bulletin.enrich.parse;

import java.time.LocalDate;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reduces an HTML page to its headline, date and main text with jsoup: scripts, menus, headers, footers, share and
 * comment widgets and related-article lists are removed, block elements become lines. Thread-safe; never throws.
 */
public final class HtmlText {

    /** What a page yields: the headline (or null), the date from metadata (or null), and block text. */
    public record Page(String title, LocalDate date, String text) {}

    private static final String CHROME_SELECTOR = "script, style, noscript, template, iframe, svg, canvas, form, button, "
            + "select, input, nav, header, footer, aside, menu";
    private static final Pattern CHROME_CLASS = Pattern.compile(
            "(?i)(^|[\\s_-])(nav|navbar|menu|breadcrumbs?|share|sharing|social|likes?|comments?|footer|header|sidebar|related"
                    + "|ticker|banner|cookies?|subscribe|pagination|pager|tags|widget|advert|ads|promo|popup|modal|search"
                    + "|lang|languages|more-news|other-news|read-also|print)($|[\\s_-])");
    private static final Pattern BLOCK = Pattern.compile(
            "p|div|h[1-6]|li|ul|ol|tr|table|section|article|main|blockquote|pre|dd|dt|dl|figure|figcaption|address|hr|br");
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

    /** Extracts headline, metadata date and block text from {@code html}. */
    public static Page parse(String html) {
        Document doc = Jsoup.parse(html);
        String title = meta(doc, "meta[property=og:title]");
        Element h1 = doc.selectFirst("h1");
        if (h1 != null && !h1.text().isBlank()) {
            title = h1.text();
        }
        if (title == null || title.isBlank()) {
            title = TITLE_SUFFIX.matcher(doc.title()).replaceFirst("");
        }
        LocalDate date = metaDate(doc);
        doc.select(CHROME_SELECTOR).remove();
        for (Element e : doc.getAllElements()) {
            if (e != doc.body() && e.parent() != null && (CHROME_CLASS.matcher(e.className()).find() || CHROME_CLASS.matcher(e.id()).find())
                    && e.selectFirst("h1") == null) {
                e.remove();
            }
        }
        Element root = doc.selectFirst("article");
        if (root == null) {
            root = doc.selectFirst("main");
        }
        if (root == null) {
            root = doc.body() != null ? doc.body() : doc;
        }
        if (h1 != null) {
            root.select("h1").remove();
        }
        return new Page(title == null || title.isBlank() ? null : title.strip(), date, blockText(root));
    }

    private static String meta(Document doc, String selector) {
        Element e = doc.selectFirst(selector);
        return e == null ? null : e.attr("content");
    }

    private static LocalDate metaDate(Document doc) {
        Elements candidates = doc.select("meta[property=article:published_time], meta[name=date], meta[itemprop=datePublished], "
                + "meta[name=pubdate], time[datetime]");
        for (Element e : candidates) {
            String v = e.hasAttr("content") ? e.attr("content") : e.attr("datetime");
            LocalDate d = DateParser.firstAbsolute(v);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String blockText(Element root) {
        StringBuilder sb = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    sb.append(t.text());
                } else if (node instanceof Element e && BLOCK.matcher(e.normalName()).matches()) {
                    sb.append(e.normalName().equals("br") ? "\n" : "\n\n");
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCK.matcher(e.normalName()).matches() && !e.normalName().equals("br")) {
                    sb.append("\n\n");
                }
            }
        }, root);
        // Block boundaries become single blank lines; several in a row must not look like a release separator.
        return sb.toString().replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("\\n{3,}", "\n\n");
    }
}
