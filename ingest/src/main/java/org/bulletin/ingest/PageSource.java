package org.bulletin.ingest;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crawls a news-list page: every link whose absolute URL matches the link pattern is an article, fetched and pushed
 * as raw HTML; "next page" links ({@code rel=next}, {@code .next}, or text such as "Next", "Older", "Далее", "»") on
 * the same host are followed up to {@code depth} list pages. Polite through {@link HttpFetcher}; capped at
 * {@code bulletin.ingest.crawl.max.pages} fetches per crawl.
 */
final class PageSource {

    private static final Logger LOG = LoggerFactory.getLogger(PageSource.class);
    private static final Pattern NEXT_TEXT = Pattern.compile(
            "(?iu)^\\s*(next|next page|older|older posts|more|следующая|следующая страница|далее|вперед|вперёд|»|›|>|>>)"
                    + "\\s*[»›>]?\\s*$");

    private final WebFetch web;
    private final int maxPages;

    PageSource(WebFetch web, int maxPages) {
        this.web = web;
        this.maxPages = maxPages;
    }

    /**
     * @param depth number of list pages to read: 1 reads only {@code start}, 2 also its next page, and so on
     */
    IngestCounts crawl(URI start, Pattern links, int depth, String sourceId, boolean force, Progress progress)
            throws InterruptedException {
        Tally tally = new Tally(progress);
        Deque<URI> lists = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        lists.add(start);
        levels.add(1);
        Set<String> seenLists = new HashSet<>();
        Set<String> seenArticles = new HashSet<>();
        int fetches = 0;
        while (!lists.isEmpty() && fetches < maxPages) {
            URI page = lists.poll();
            int level = levels.poll();
            if (!seenLists.add(Objects.requireNonNullElse(RawRecords.canonicalUrl(page.toString()), page.toString()))) {
                continue;
            }
            HttpFetcher.Response r;
            try {
                r = web.fetcher().get(page, IngestLedger.Validators.NONE);
            } catch (HttpFetcher.FetchException e) {
                web.pipeline().failure(sourceId, page.toString(), e.getMessage(), tally);
                continue;
            }
            fetches++;
            if (!r.ok()) {
                web.rejectStatus(WebFetch.document(r, sourceId, Map.of("role", "list")), r, sourceId, tally);
                continue;
            }
            if (r.body().length > web.pipeline().maxBodyBytes()) {
                web.pipeline()
                        .deadLetter(
                                WebFetch.document(r, sourceId, Map.of("role", "list")),
                                "oversized list page: more than "
                                        + web.pipeline().maxBodyBytes() + " bytes",
                                tally);
                continue;
            }
            RawRecords.Inspection insp = RawRecords.inspect(r.body(), r.contentType());
            if (insp.charset() == null) {
                web.pipeline()
                        .deadLetter(
                                WebFetch.document(r, sourceId, Map.of("role", "list")),
                                "list page " + insp.problem(),
                                tally);
                continue;
            }
            org.jsoup.nodes.Document html = Jsoup.parse(
                    RawRecords.decode(r.body(), insp.charset(), r.body().length),
                    r.uri().toString());
            List<URI> articles = new ArrayList<>();
            for (Element a : html.select("a[href]")) {
                URI abs = absolute(a.absUrl("href"));
                if (abs != null
                        && links.matcher(abs.toString()).find()
                        && seenArticles.add(
                                Objects.requireNonNullElse(RawRecords.canonicalUrl(abs.toString()), abs.toString()))) {
                    articles.add(abs);
                }
            }
            if (progress != null) {
                progress.total(seenArticles.size());
            }
            LOG.info("source {}: list page {} has {} new article link(s)", sourceId, r.uri(), articles.size());
            if (level < depth) {
                for (URI next : nextPages(html, r.uri())) {
                    lists.add(next);
                    levels.add(level + 1);
                }
            }
            for (URI article : articles) {
                if (fetches >= maxPages) {
                    LOG.warn("source {}: stopped at {} fetches (bulletin.ingest.crawl.max.pages)", sourceId, maxPages);
                    break;
                }
                web.article(article, sourceId, Map.of("listUrl", r.uri().toString()), force, tally);
                fetches++;
            }
        }
        tally.await();
        if (progress != null) {
            progress.finish();
        }
        return tally.counts();
    }

    static List<URI> nextPages(org.jsoup.nodes.Document html, URI base) {
        Set<URI> out = new LinkedHashSet<>();
        for (Element e : html.select(
                "a[rel~=(?i)\\bnext\\b], link[rel~=(?i)\\bnext\\b], a.next, li.next a, " + ".pagination a.next")) {
            add(out, e.absUrl("href"), base);
        }
        for (Element a : html.select("a[href]")) {
            if (NEXT_TEXT.matcher(a.text()).matches()
                    || NEXT_TEXT.matcher(a.attr("aria-label")).matches()) {
                add(out, a.absUrl("href"), base);
            }
        }
        return new ArrayList<>(out);
    }

    private static void add(Set<URI> out, String href, URI base) {
        URI u = absolute(href);
        // next pages stay on the list's own host: a pagination link elsewhere is somebody else's site
        if (u != null && Objects.equals(u.getHost(), base.getHost()) && !u.equals(base)) {
            out.add(u);
        }
    }

    private static URI absolute(String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(href.strip().replace(" ", "%20"));
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
                return null;
            }
            // the fragment never reaches the server: drop it so #comments and the article are one URL
            return new URI(u.getScheme(), u.getRawSchemeSpecificPart(), null).normalize();
        } catch (Exception e) {
            return null;
        }
    }
}
