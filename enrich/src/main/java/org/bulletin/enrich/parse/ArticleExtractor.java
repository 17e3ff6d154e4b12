package org.bulletin.enrich.parse;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the main text of a news page in a parsed jsoup document. It combines the ideas of the extractors that score best
 * on the article-extraction benchmark: explicit article containers ({@code itemprop=articleBody}, the class and id names
 * sites give their article body, as trafilatura's content selectors), a Readability-style candidate scoring (paragraph
 * text length and commas flowing up to the ancestors, tag and class/id weights, damped by link density), and a pruning
 * of the boilerplate inside the chosen container (share bars, related-links lists, newsletter boxes, captions, author
 * bios) by class/id names and link density, as trafilatura and boilerpipe do. A JSON-LD {@code articleBody} is the
 * fallback when the DOM yields much less text than it. Language-agnostic; stateless, so thread-safe; never throws.
 */
final class ArticleExtractor {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    /** Below this many non-space characters the result is suspect and the unpruned page is tried. */
    private static final int MIN_TEXT = 200;

    /** Elements that are never article text. */
    private static final Set<String> DROP_TAGS = Set.of(
            "script",
            "style",
            "noscript",
            "template",
            "iframe",
            "svg",
            "canvas",
            "button",
            "select",
            "input",
            "textarea",
            "object",
            "embed",
            "link",
            "meta",
            "nav",
            "aside",
            "footer",
            "menu",
            "dialog",
            "audio",
            "video",
            "picture",
            "img",
            "map",
            "head",
            "label",
            "option");

    /** Block-level elements: a paragraph break before and after. */
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "ul",
            "ol",
            "tr",
            "table",
            "thead",
            "tbody",
            "section",
            "article",
            "main",
            "blockquote",
            "pre",
            "dd",
            "dt",
            "dl",
            "figure",
            "figcaption",
            "address",
            "hr",
            "header",
            "footer",
            "form",
            "fieldset",
            "center",
            "details",
            "summary",
            "caption",
            "body",
            "html",
            "aside",
            "nav",
            "hgroup");

    /** Class/id names of boilerplate: removed wherever they stand (unless they hold most of the page's text). */
    private static final Pattern BOILER = Pattern.compile(
            "(?:^|[\\s_-])(?:share|sharing|sharebar|social|socials|likes?|comments?|commenting|disqus|related|relateds|recommend\\w*"
                    + "|newsletter\\w*|subscribe|subscription|signup|sign-up|promo\\w*|advert\\w*|ads?|adv|ad-slot|adslot|sponsor\\w*"
                    + "|breadcrumbs?|sidebar|side-bar|widget\\w*|popup|modal|cookies?|gdpr|consent|banner|pagination|pager|paging"
                    + "|masthead|menu|navbar|navigation|nav|toolbar|footer|tags|tag-list|taglist|keywords|outbrain|taboola|trending"
                    + "|popular|most-read|mostread|read-more|readmore|more-stories|more-news|also|see-also|next-article|prev-article"
                    + "|author-bio|authorbio|bio|byline|bylines|author|authors|contributor|dateline|timestamp|published|date"
                    + "|caption|credit|credits|copyright|print|visually-hidden|sr-only|screen-reader-text|skip|jump"
                    + "|login|paywall|inline-cta|cta|tools|utility|utilities|rating|reactions|follow|donate|video-player"
                    + "|gallery|slideshow|carousel|teaser|teasers|card-list|more-from|recirc\\w*|rail|topics|feedback"
                    + "|affiliate|disclaimer|editors-note|in-article-ad|inline-ad|dfp|gpt|native-ad|nocontent|noprint"
                    + "|rollover|tooltip|hovercard|overlay)(?:$|[\\s_-])",
            FLAGS);

    /** A whole class token that hides the element (not the responsive hidden-xs and the like, which only hide it on some screens). */
    private static final Pattern HIDDEN =
            Pattern.compile("(?:^|\\s)(?:hidden|hide|invisible|element-invisible)(?:$|\\s)", FLAGS);

    /** Class/id names that say "this is the article" and veto a boilerplate match. */
    private static final Pattern KEEP = Pattern.compile(
            "articlebody|article-body|article__body|article_body|story-body|storybody|entry-content|post-content|post-body"
                    + "|article-content|article__content|article-text|story-content|main-content|body-text|text-content",
            FLAGS);

    /** Explicit article-body containers, best first (after trafilatura's content selectors). */
    private static final Pattern[] EXPLICIT = {
        Pattern.compile(
                "articlebody|article[-_]+body|article[-_]+content|articlecontent|article[-_]+text|articletext"
                        + "|story[-_]+body|storybody|story[-_]+content|storycontent|post[-_]+body|post[-_]+content|postcontent|post[-_]+text"
                        + "|entry[-_]+content|entry[-_]+body|body[-_]+text|bodytext|news[-_]+text|news[-_]+body|article[-_]+txt"
                        + "|text[-_]+content|rich[-_]+text|article__container|art[-_]content|content[-_]+body|article-details-body",
                FLAGS),
        Pattern.compile(
                "(?:^|\\s)(?:story|article|entry|post|news|content|main[-_]content|main[-_]text)(?:$|\\s)", FLAGS),
    };

    /** Embedded posts (tweets, Instagram): part of the story even though their class names say "social". */
    private static final Pattern EMBED = Pattern.compile(
            "tweet|twitter|instagram|facebook-post|embed[-_]?(?:social|post)|(?:social|media)[-_]?embed", FLAGS);

    private static final Pattern POSITIVE =
            Pattern.compile("article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story", FLAGS);
    private static final Pattern NEGATIVE = Pattern.compile(
            "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain"
                    + "|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|caption",
            FLAGS);
    private static final Pattern META_ITEMPROP = Pattern.compile(
            "(?i)datePublished|dateModified|dateCreated|author|publisher|creator|contributor|keywords|caption|copyrightHolder");
    private static final Pattern LABEL = Pattern.compile(
            "(?iu)[\\s\\p{Punct}]*(?:advert|advertisement|ad|ads|anzeige|werbung|реклама"
                    + "|publicidad|publicidade|publicité|pubblicità|iklan|sponsored|sponsored content|more|read more|read also|see also"
                    + "|related|related articles|related stories|related coverage|you may also like|don'?t miss|most popular|most read"
                    + "|trending|share|share this|share this article|tags?|filed under|recommended|watch|listen)\\b[\\s\\p{Punct}]*");
    private static final Pattern TRAILER =
            Pattern.compile("(?iu)[\\s\\p{Punct}]*(?:follow (?:us|him|her|them|\\p{L}+ on)"
                    + "|(?:subscribe|sign up)\\b.*\\b(?:newsletters?|inbox|e-?mails?|alerts)\\b|get the latest|get our|listen to"
                    + "|click here|download the|read more|more:|source:|filed under|you may also like|see also|related:|also read"
                    + "|read also)");
    /**
     * Headings that open a list of other stories ("Related articles", "Das könnte Sie auch interessieren", "Читайте
     * также"), in the languages of the sources and of the evaluation sets. Written by hand: no library lists them.
     */
    private static final Pattern RELATED_HEADING = Pattern.compile("(?iu)[\\s\\p{Punct}]*(?:"
            + "related(?: articles| stories| posts| content| coverage| news| reading)?|you (?:may|might) also like"
            + "|(?:more|other) (?:stories|news|articles|posts)(?: \\p{L}+){0,3}|read (?:also|next|more)|see also|also read"
            + "|recommended(?: for you| stories| articles| reading)?|more on this (?:topic|story)|further reading"
            + "|don'?t miss|most (?:read|popular)|popular (?:posts|stories|articles)"
            + "|das könnte (?:sie|dich) (?:auch )?interessieren|(?:ähnliche|verwandte|empfohlene|beliebte|weitere) "
            + "(?:beiträge|artikel|themen|nachrichten|meldungen|news)|mehr zum thema(?: \\p{L}+){0,3}"
            + "|lesen sie (?:auch|mehr|weiter)|auch interessant|passend dazu|meistgelesen\\p{L}*"
            + "|(?:à )?lire aussi|(?:à )?voir aussi|sur le même sujet|articles similaires|dans la même rubrique"
            + "|vous aimerez aussi|zobacz (?:też|również|także)|czytaj (?:też|także|również|więcej)|polecane"
            + "|podobne artykuły|lee también|(?:también )?te puede interesar|(?:noticias|artículos) relacionad[oa]s"
            + "|leggi anche|(?:ti )?potrebbe interessarti|articoli correlati"
            + "|читайте (?:также|еще|ещё)|смотрите также|похожие (?:новости|статьи|материалы|публикации)|по теме"
            + "|материалы по теме|ещё по теме|еще по теме|другие (?:новости|материалы|статьи)(?: \\p{L}+){0,3}"
            + "|рекомендуем(?: прочитать)?|популярное|самое читаемое"
            + ")[\\s\\p{Punct}]*");

    private static final Pattern DISPLAY_NONE =
            Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden", FLAGS);

    /** Per-element counts, computed bottom-up once. */
    static final class Stats {
        int text; // non-space characters
        int link; // non-space characters inside links
        int commas;
        int paragraphs; // scored paragraphs below
        boolean blockChild;
        double score = Double.NaN;
    }

    private ArticleExtractor() {}

    /**
     * The article text of {@code html}, already parsed as {@code doc} (which this changes): blocks separated by a blank
     * line; {@code title} is not repeated at the start. When the pruned page leaves almost nothing (a site that names
     * its article container like boilerplate), the page is parsed again and extracted without the class/id pruning.
     */
    static String extract(String html, Document doc, String title) {
        try {
            String text = doExtract(doc, title, true);
            if (nonSpace(text) < MIN_TEXT && html != null) {
                String unpruned = doExtract(org.jsoup.Jsoup.parse(html), title, false);
                if (nonSpace(unpruned) > 2 * nonSpace(text)) {
                    return unpruned;
                }
            }
            return text;
        } catch (RuntimeException | StackOverflowError e) {
            return "";
        }
    }

    private static String doExtract(Document doc, String title, boolean prune) {
        Element body = doc.body();
        if (body == null) {
            return "";
        }
        String ldBody = JsonLd.articleBody(doc);
        dropChrome(body);
        Map<Element, Stats> stats = new IdentityHashMap<>(1024);
        count(body, stats);
        if (prune) {
            pruneBoilerplate(body, stats);
        }
        List<String> blocks = new ArrayList<>();
        List<Element> roots = chooseRoots(body, stats);
        for (Element root : roots) {
            collect(root, stats, blocks);
        }
        addLeadBefore(roots.get(0), body, stats, blocks);
        dropTitle(blocks, title);
        dropLabels(blocks);
        String text = String.join("\n\n", blocks);
        if (ldBody != null) {
            ldBody = ldText(ldBody);
            int domLen = nonSpace(text);
            int ldLen = nonSpace(ldBody);
            if (ldLen > 400 && domLen < ldLen * 0.6) {
                return ldBody;
            }
        }
        return text;
    }

    // ---- cleaning -----------------------------------------------------------------------------------------------

    private static void dropChrome(Element body) {
        List<Element> drop = new ArrayList<>();
        NodeTraversor.filter(
                new org.jsoup.select.NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (DROP_TAGS.contains(tag) && e != body && !holdsTheArticle(tag, e)) {
                                drop.add(e);
                                return FilterResult.SKIP_ENTIRELY;
                            }
                            if (e.hasAttr("hidden")
                                    || (e.hasAttr("style")
                                            && DISPLAY_NONE
                                                    .matcher(e.attr("style"))
                                                    .find())) {
                                drop.add(e);
                                return FilterResult.SKIP_ENTIRELY;
                            }
                            return FilterResult.CONTINUE;
                        }
                        if (node instanceof org.jsoup.nodes.Comment) {
                            drop.add(null);
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                body);
        for (Element e : drop) {
            if (e != null) {
                e.remove();
            }
        }
    }

    /** Page regions that are chrome as a rule, but that some sites wrap around the main column itself. */
    private static final Set<String> REGION_TAGS = Set.of("aside", "nav", "footer", "menu");

    /**
     * True when a region element holds the page's main element or its marked-up article body: a site that puts the
     * main column in an {@code <aside>} would otherwise lose the whole article.
     */
    private static boolean holdsTheArticle(String tag, Element e) {
        return REGION_TAGS.contains(tag)
                && !e.select("main, [itemprop=articleBody]").isEmpty();
    }

    /** Fills {@code stats} for every element under {@code root}, in one post-order walk. */
    static void count(Element root, Map<Element, Stats> stats) {
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof Element e) {
                            stats.put(e, new Stats());
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof TextNode t) {
                            Element parent = (Element) t.parentNode();
                            if (parent == null) {
                                return;
                            }
                            Stats s = stats.get(parent);
                            if (s == null) {
                                return;
                            }
                            String w = t.getWholeText();
                            int n = 0;
                            int c = 0;
                            for (int i = 0; i < w.length(); i++) {
                                char ch = w.charAt(i);
                                if (!Character.isWhitespace(ch) && ch != '\u00a0') {
                                    n++;
                                    if (ch == ',' || ch == '，' || ch == '،') {
                                        c++;
                                    }
                                }
                            }
                            s.text += n;
                            s.commas += c;
                        } else if (node instanceof Element e) {
                            Stats s = stats.get(e);
                            if (e.normalName().equals("a")) {
                                s.link = s.text;
                            }
                            Element parent = e.parent();
                            if (parent != null && e != root) {
                                Stats p = stats.get(parent);
                                if (p != null) {
                                    p.text += s.text;
                                    p.link += s.link;
                                    p.commas += s.commas;
                                    if (BLOCKS.contains(e.normalName())
                                            && !e.normalName().equals("hr")) {
                                        p.blockChild = true;
                                    }
                                }
                            }
                        }
                    }
                },
                root);
    }

    /** The element's id and class names, camelCase split with a hyphen ("shareBar" as "share-Bar"). */
    static String names(Element e) {
        String id = e.id();
        String cls = e.className();
        String names = id.isEmpty() ? cls : cls.isEmpty() ? id : id + " " + cls;
        StringBuilder sb = null;
        for (int i = 1; i < names.length(); i++) {
            if (Character.isUpperCase(names.charAt(i)) && Character.isLowerCase(names.charAt(i - 1))) {
                if (sb == null) {
                    sb = new StringBuilder(names.length() + 8).append(names, 0, i);
                }
                sb.append('-');
            }
            if (sb != null) {
                sb.append(names.charAt(i));
            }
        }
        return sb == null ? names : sb.toString();
    }

    /** Removes elements whose class or id says boilerplate, unless they hold much of the page's text. */
    private static void pruneBoilerplate(Element body, Map<Element, Stats> stats) {
        int total = Math.max(1, stats.get(body).text);
        List<Element> drop = new ArrayList<>();
        NodeTraversor.filter(
                new org.jsoup.select.NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (!(node instanceof Element e) || e == body) {
                            return FilterResult.CONTINUE;
                        }
                        String tag = e.normalName();
                        if (tag.equals("a")) {
                            return FilterResult.SKIP_CHILDREN;
                        }
                        String names = names(e);
                        Stats s = stats.get(e);
                        if ((tag.equals("form") && s.text < 0.3 * total)
                                || (!names.isEmpty()
                                        && isBoilerName(names, e)
                                        && s.text < 0.3 * total
                                        && !isLeadTeaser(names, e, s))
                                || (tag.equals("header") && s.text < 0.1 * total)) {
                            drop.add(e);
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                body);
        for (Element e : drop) {
            subtract(e, stats);
            e.remove();
        }
    }

    /** Many sites call an article's lead its "teaser": kept when it is prose with no link, as a story's lead is. */
    private static boolean isLeadTeaser(String names, Element e, Stats s) {
        return TEASER.matcher(names).find()
                && s.link == 0
                && leadSized(e, s)
                && e.getElementsByTag("a").isEmpty();
    }

    /** A lead's size (a sentence to a short paragraph), and not inside a link (a teaser card of another story). */
    private static boolean leadSized(Element e, Stats s) {
        return s.text >= 40 && s.text <= 800 && e.closest("a") == null;
    }

    private static final Pattern TEASER = Pattern.compile("(?:^|[\\s_-])teaser(?:[-_]?text)?(?:$|[\\s_-])", FLAGS);

    private static boolean isBoilerName(String names, Element e) {
        if (HIDDEN.matcher(names).find()) {
            return true;
        }
        if (!BOILER.matcher(names).find()) {
            return false;
        }
        if (KEEP.matcher(names).find()
                || "articleBody".equals(e.attr("itemprop"))
                || EMBED.matcher(names).find()) {
            return false;
        }
        return true;
    }

    private static void subtract(Element e, Map<Element, Stats> stats) {
        Stats s = stats.get(e);
        for (Element p = e.parent(); p != null; p = p.parent()) {
            Stats ps = stats.get(p);
            if (ps == null) {
                break;
            }
            ps.text -= s.text;
            ps.link -= s.link;
            ps.commas -= s.commas;
        }
    }

    // ---- choosing the article container -----------------------------------------------------------------------

    /** The article's containers in document order: one element, or a few siblings the article is split across. */
    private static List<Element> chooseRoots(Element body, Map<Element, Stats> stats) {
        Element scored = readabilityCandidate(body, stats);
        Element explicit = explicitCandidate(body, stats);
        if (explicit != null) {
            int explicitText = goodText(explicit, stats);
            int scoredText = goodText(scored, stats);
            if (explicitText >= 0.5 * scoredText || isAncestor(explicit, scored)) {
                return withSameClassSiblings(explicit, stats);
            }
        }
        return withSiblings(scored, stats);
    }

    /** An article body split into several blocks of the same class (ads between them): all of them. */
    private static List<Element> withSameClassSiblings(Element e, Map<Element, Stats> stats) {
        List<Element> out = new ArrayList<>();
        Element parent = e.parent();
        String cls = e.className();
        if (parent == null || cls.isEmpty() || e.normalName().equals("body")) {
            out.add(e);
            return out;
        }
        for (Element sib : parent.children()) {
            if (sib == e
                    || (sib.normalName().equals(e.normalName())
                            && sib.className().equals(cls)
                            && goodText(sib, stats) > 0)) {
                out.add(sib);
            }
        }
        return out;
    }

    /**
     * Readability's sibling step, its paragraph half: prose paragraphs with few links next to the candidate belong to
     * the article too. (Its other half, siblings that score well themselves, pulled in "About the company" boxes.)
     */
    private static List<Element> withSiblings(Element top, Map<Element, Stats> stats) {
        List<Element> out = new ArrayList<>();
        Element parent = top.parent();
        Stats ts = stats.get(top);
        if (parent == null || ts == null || top.normalName().equals("body") || Double.isNaN(ts.score)) {
            out.add(top);
            return out;
        }
        for (Element sib : parent.children()) {
            if (sib == top) {
                out.add(sib);
                continue;
            }
            Stats s = stats.get(sib);
            if (s == null || s.text == 0) {
                continue;
            }
            double ld = (double) s.link / s.text;
            if (sib.normalName().equals("p")) {
                if ((s.text > 80 && ld < 0.25) || (s.text > 0 && ld == 0 && endsSentence(sib.text()))) {
                    out.add(sib);
                }
            }
        }
        return out;
    }

    /** Class/id names of an article's lead (standfirst), which many sites set above the body's own container. */
    private static final Pattern LEAD = Pattern.compile(
            "(?:^|[\\s_-])(?:lead|leadtext|lede|intro|introduction|standfirst|summary|vorspann|subtitle|sub-title"
                    + "|subheadline|sub-headline|deck|dek|excerpt|abstract|anons|announce|teaser)(?:$|[\\s_-])",
            FLAGS);

    /**
     * Puts the article's lead first when the site sets it apart, above the container chosen for the body (a
     * "standfirst" or "intro" block in the article's header): the nearest lead-named block before the body within a
     * few levels of it, prose with few links, unless the body already opens with it.
     */
    private static void addLeadBefore(Element root, Element body, Map<Element, Stats> stats, List<String> blocks) {
        Element inner = root;
        for (int level = 0; level < 4 && inner != body && inner.parent() != null; level++) {
            Element scope = inner.parent();
            // What precedes the body within this level and not within the one below: the earlier siblings of the
            // level below, nearest first; in each, the last lead-like block in document order.
            Element lead = null;
            for (Element sib = inner.previousElementSibling();
                    sib != null && lead == null;
                    sib = sib.previousElementSibling()) {
                List<Element> all = sib.getAllElements();
                for (int i = all.size() - 1; i >= 0 && lead == null; i--) {
                    if (isLead(all.get(i), stats)) {
                        lead = all.get(i);
                    }
                }
            }
            if (lead != null) {
                String text = lead.text().strip();
                String k = key(text);
                boolean there = !blocks.isEmpty()
                        && key(String.join(" ", blocks.subList(0, Math.min(2, blocks.size()))))
                                .contains(k.substring(0, Math.min(k.length(), 60)));
                if (!there && textBetween(scope, lead, root) < 300) {
                    blocks.add(0, text);
                }
                return;
            }
            inner = scope;
        }
    }

    /** A block named as a lead, prose with few links, not the headline and not inside a link (a teaser card). */
    private static boolean isLead(Element e, Map<Element, Stats> stats) {
        Stats s = stats.get(e);
        return s != null
                && s.link <= 0.2 * s.text
                && !e.normalName().equals("h1")
                && (LEAD.matcher(names(e)).find() || "description".equals(e.attr("itemprop")))
                && leadSized(e, s);
    }

    /** How much text stands after {@code from} and before {@code to} in {@code scope}: a byline, a date, a caption. */
    private static int textBetween(Element scope, Element from, Element to) {
        int[] state = {0, 0}; // 0 before "from" ends, 1 between, 2 at "to"; then the count
        NodeTraversor.filter(
                new org.jsoup.select.NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node == to) {
                            state[0] = 2;
                            return FilterResult.STOP;
                        }
                        if (state[0] == 1 && node instanceof TextNode t) {
                            state[1] += t.text().strip().length();
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (node == from) {
                            state[0] = 1;
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                scope);
        return state[1];
    }

    private static boolean endsSentence(String t) {
        String x = t.strip();
        return !x.isEmpty() && ".!?。！？…".indexOf(x.charAt(x.length() - 1)) >= 0;
    }

    private static boolean isAncestor(Element a, Element b) {
        for (Element p = b; p != null; p = p.parent()) {
            if (p == a) {
                return true;
            }
        }
        return false;
    }

    private static int goodText(Element e, Map<Element, Stats> stats) {
        Stats s = stats.get(e);
        return s == null ? 0 : s.text - s.link;
    }

    private static Element explicitCandidate(Element body, Map<Element, Stats> stats) {
        int total = Math.max(1, stats.get(body).text - stats.get(body).link);
        Element best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Element e : body.getAllElements()) {
            int rank;
            if ("articleBody".equalsIgnoreCase(e.attr("itemprop"))) {
                rank = 0;
            } else {
                String names = names(e);
                rank = Integer.MAX_VALUE;
                if (!names.isEmpty()) {
                    for (int i = 0; i < EXPLICIT.length; i++) {
                        if (EXPLICIT[i].matcher(names).find()) {
                            rank = i + 1;
                            break;
                        }
                    }
                }
                if (rank == Integer.MAX_VALUE && e.normalName().equals("article")) {
                    rank = EXPLICIT.length + 1;
                }
            }
            if (rank < bestRank) {
                Stats s = stats.get(e);
                int good = s.text - s.link;
                if (good >= 200 && good >= 0.15 * total && s.link < 0.5 * s.text) {
                    best = e;
                    bestRank = rank;
                }
            }
        }
        return best;
    }

    private static boolean isParagraph(Element e, Stats s) {
        String tag = e.normalName();
        switch (tag) {
            case "p", "pre", "blockquote":
                return true;
            case "td", "div", "section", "article", "span", "font", "li", "dd":
                return !s.blockChild;
            default:
                return false;
        }
    }

    private static Element readabilityCandidate(Element body, Map<Element, Stats> stats) {
        List<Element> candidates = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            Stats s = stats.get(e);
            if (s == null || s.text < 25 || !isParagraph(e, s)) {
                continue;
            }
            if (e.parent() != null && e.normalName().equals("span")
                    || e.normalName().equals("font")) {
                Element p = e.parent();
                if (p != null
                        && !p.normalName().equals("div")
                        && !p.normalName().equals("td")) {
                    continue;
                }
            }
            double linkDensity = s.text == 0 ? 0 : (double) s.link / s.text;
            if (linkDensity > 0.5) {
                continue;
            }
            double score = 1 + s.commas + Math.min(s.text / 100, 3);
            Element a = e.parent();
            for (int level = 0; a != null && level < 5; level++, a = a.parent()) {
                Stats as = stats.get(a);
                if (as == null) {
                    break;
                }
                if (Double.isNaN(as.score)) {
                    as.score = initialScore(a);
                    candidates.add(a);
                }
                as.paragraphs++;
                as.score += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3.0);
            }
        }
        Element top = null;
        double topScore = Double.NEGATIVE_INFINITY;
        for (Element c : candidates) {
            Stats s = stats.get(c);
            double ld = s.text == 0 ? 0 : (double) s.link / s.text;
            s.score *= 1 - ld;
            if (s.score > topScore) {
                topScore = s.score;
                top = c;
            }
        }
        if (top == null) {
            return body;
        }
        // Readability: climb while the parent scores nearly as well (the article was split into several blocks).
        Element cur = top;
        double last = topScore;
        for (Element p = cur.parent(); p != null && p != body.parent(); p = p.parent()) {
            Stats ps = stats.get(p);
            if (ps == null || Double.isNaN(ps.score)) {
                continue;
            }
            if (ps.score < topScore / 3) {
                break;
            }
            if (ps.score > last) {
                cur = p;
            }
            last = ps.score;
        }
        while (cur.parent() != null
                && cur.parent() != body.parent()
                && cur.parent().childrenSize() == 1) {
            cur = cur.parent();
        }
        return cur;
    }

    private static double initialScore(Element e) {
        double score = switch (e.normalName()) {
            case "div", "article", "main", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        String cls = e.className();
        if (!cls.isEmpty()) {
            if (NEGATIVE.matcher(cls).find()) {
                score -= 25;
            }
            if (POSITIVE.matcher(cls).find()) {
                score += 25;
            }
        }
        String id = e.id();
        if (!id.isEmpty()) {
            if (NEGATIVE.matcher(id).find()) {
                score -= 25;
            }
            if (POSITIVE.matcher(id).find()) {
                score += 25;
            }
        }
        return score;
    }

    // ---- text output ------------------------------------------------------------------------------------------

    private static void collect(Element root, Map<Element, Stats> stats, List<String> blocks) {
        StringBuilder cur = new StringBuilder();
        NodeTraversor.filter(
                new org.jsoup.select.NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof TextNode t) {
                            appendText(cur, t.getWholeText());
                            return FilterResult.CONTINUE;
                        }
                        if (!(node instanceof Element e)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        String tag = e.normalName();
                        if (tag.equals("td") || tag.equals("th")) {
                            appendText(cur, " ");
                        }
                        if (tag.equals("br")) {
                            trimEnd(cur);
                            cur.append('\n');
                            return FilterResult.CONTINUE;
                        }
                        if (e != root && isInnerBoilerplate(e, tag, stats)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (BLOCKS.contains(tag)) {
                            flush(cur, blocks);
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                            flush(cur, blocks);
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
        flush(cur, blocks);
    }

    private static boolean isInnerBoilerplate(Element e, String tag, Map<Element, Stats> stats) {
        Stats s = stats.get(e);
        if (s == null) {
            return false;
        }
        String itemprop = e.attr("itemprop");
        if (!itemprop.isEmpty() && META_ITEMPROP.matcher(itemprop).matches()) {
            return true;
        }
        switch (tag) {
            case "h1", "figure", "figcaption", "header" -> {
                return true;
            }
            case "ul", "ol", "dl", "table", "div", "section", "blockquote" -> {
                if (s.text > 0 && s.link > 0.5 * s.text) {
                    return true;
                }
            }
            case "p", "li" -> {
                if (s.text > 0 && s.link > 0.8 * s.text && s.text < 200) {
                    return true;
                }
            }
            default -> {}
        }
        return false;
    }

    private static void appendText(StringBuilder cur, String text) {
        boolean space = cur.length() > 0 && Character.isWhitespace(cur.charAt(cur.length() - 1));
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch) || ch == '\u00a0') {
                if (!space && cur.length() > 0) {
                    cur.append(' ');
                    space = true;
                }
            } else {
                cur.append(ch);
                space = false;
            }
        }
    }

    private static void trimEnd(StringBuilder cur) {
        while (cur.length() > 0 && cur.charAt(cur.length() - 1) == ' ') {
            cur.setLength(cur.length() - 1);
        }
    }

    private static void flush(StringBuilder cur, List<String> blocks) {
        String s = cur.toString().strip();
        cur.setLength(0);
        if (!s.isEmpty()) {
            if (s.indexOf('\n') >= 0) {
                s = s.replaceAll(" *\n *", "\n").replaceAll("\n{2,}", "\n");
            }
            blocks.add(s);
        }
    }

    /**
     * Drops blocks that are page chrome by their words alone: labels (Advertisement, Read more, Share, Tags: ...), and
     * at the end of the text the calls to follow, subscribe or read on that close many articles.
     */
    private static void dropLabels(List<String> blocks) {
        dropRelatedList(blocks);
        blocks.removeIf(b -> b.length() <= 80 && LABEL.matcher(b).matches());
        for (int i = blocks.size() - 1; i >= Math.max(0, blocks.size() - 4); i--) {
            String b = blocks.get(i);
            if (b.length() <= 250 && TRAILER.matcher(b).lookingAt()) {
                blocks.remove(i);
            }
        }
    }

    /**
     * Cuts the text at a heading that opens a list of other stories, when it stands in the second half of the text
     * and what follows it reads as that list (short items, mostly not sentences: headlines, not paragraphs). An inline
     * "Related" box between two paragraphs of the article leaves the paragraphs after it alone.
     */
    private static void dropRelatedList(List<String> blocks) {
        for (int i = blocks.size() / 2; i < blocks.size(); i++) {
            String b = blocks.get(i);
            if (i > 0 && b.length() <= 60 && RELATED_HEADING.matcher(b).matches() && headlinesFrom(blocks, i + 1)) {
                blocks.subList(i, blocks.size()).clear();
                return;
            }
        }
    }

    private static final Pattern CLOSING_QUOTES = Pattern.compile("[\"”»’')\\]]+$");

    private static boolean headlinesFrom(List<String> blocks, int from) {
        int sentences = 0;
        for (int i = from; i < blocks.size(); i++) {
            String b = blocks.get(i);
            if (b.length() > 250) {
                return false;
            }
            sentences += endsSentence(CLOSING_QUOTES.matcher(b).replaceAll("")) ? 1 : 0;
        }
        return sentences * 3 <= blocks.size() - from;
    }

    /** Drops the headline when it opens the text (a repeated h2, or the title inside the container). */
    private static void dropTitle(List<String> blocks, String title) {
        if (title == null || blocks.isEmpty()) {
            return;
        }
        String t = key(title);
        if (t.isEmpty()) {
            return;
        }
        for (int i = 0; i < Math.min(3, blocks.size()); i++) {
            String b = key(blocks.get(i));
            if (b.equals(t)
                    || (b.length() >= 20 && t.startsWith(b))
                    || (t.length() >= 20 && b.startsWith(t) && b.length() < t.length() + 40)) {
                blocks.remove(i);
                return;
            }
        }
    }

    /** Letters and digits only, lower-cased: how headlines and blocks are compared for repetition. */
    static String key(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    private static int nonSpace(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** A JSON-LD articleBody as paragraphs; some sites put HTML in it. */
    private static String ldText(String ld) {
        String s = ld;
        if (s.indexOf('<') >= 0 && s.indexOf('>') > 0) {
            List<String> blocks = new ArrayList<>();
            collect(org.jsoup.Jsoup.parseBodyFragment(s).body(), new IdentityHashMap<>(), blocks);
            return String.join("\n\n", blocks);
        }
        s = s.replace("\r\n", "\n").strip();
        s = s.replaceAll("[ \\t\\u00a0]*\\n[ \\t\\u00a0]*", "\n").replaceAll("\n{2,}", "\n\n");
        if (!s.contains("\n\n")) {
            s = s.replace("\n", "\n\n");
        }
        return s;
    }
}
