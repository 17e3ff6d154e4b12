package org.bulletin.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * robots.txt rules for one product token (RFC 9309): the groups naming our token, else the {@code *} groups; the
 * longest matching Allow/Disallow pattern wins, Allow on a tie; {@code *} and {@code $} wildcards. Immutable.
 */
final class RobotsRules {

    static final RobotsRules ALLOW_ALL = new RobotsRules(List.of(), 0);
    static final RobotsRules DISALLOW_ALL = new RobotsRules(List.of(new Rule(false, "/", Pattern.compile("/.*"))), 0);

    private record Rule(boolean allow, String pattern, Pattern regex) {}

    private final List<Rule> rules;
    private final double crawlDelaySeconds;

    private RobotsRules(List<Rule> rules, double crawlDelaySeconds) {
        this.rules = rules;
        this.crawlDelaySeconds = crawlDelaySeconds;
    }

    /** The product token of a User-Agent: "Bulletin/0.1 (+...)" -> "bulletin". */
    static String productToken(String userAgent) {
        String t = userAgent.strip().split("[/\\s]", 2)[0];
        return t.toLowerCase(Locale.ROOT);
    }

    static RobotsRules parse(String text, String productToken) {
        List<Rule> mine = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        double delayMine = -1;
        double delayStar = -1;
        boolean inAgents = false;
        boolean groupMine = false;
        boolean groupStar = false;
        boolean sawMine = false;
        for (String raw : text.split("\r\n|\r|\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (field.equals("user-agent")) {
                if (!inAgents) {
                    groupMine = false;
                    groupStar = false;
                    inAgents = true;
                }
                String agent = value.toLowerCase(Locale.ROOT);
                if (agent.equals("*")) {
                    groupStar = true;
                } else if (!agent.isEmpty() && (agent.equals(productToken) || productToken.startsWith(agent))) {
                    groupMine = true;
                    sawMine = true;
                }
                continue;
            }
            inAgents = false;
            if (field.equals("allow") || field.equals("disallow")) {
                if (value.isEmpty()) {
                    continue; // "Disallow:" with no path allows everything
                }
                Rule r = new Rule(field.equals("allow"), value, toRegex(value));
                if (groupMine) {
                    mine.add(r);
                }
                if (groupStar) {
                    star.add(r);
                }
            } else if (field.equals("crawl-delay")) {
                try {
                    double d = Double.parseDouble(value);
                    if (groupMine) {
                        delayMine = d;
                    }
                    if (groupStar) {
                        delayStar = d;
                    }
                } catch (NumberFormatException ignored) {
                    // a malformed Crawl-delay is ignored like any unknown line (RFC 9309 section 2.2.4)
                }
            }
        }
        return sawMine
                ? new RobotsRules(List.copyOf(mine), Math.max(0, delayMine))
                : new RobotsRules(List.copyOf(star), Math.max(0, delayStar));
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        String[] parts = p.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re + (anchored ? "" : ".*"), Pattern.DOTALL);
    }

    /** Whether {@code pathAndQuery} (e.g. "/news/1?p=2") may be fetched. */
    boolean allows(String pathAndQuery) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.regex().matcher(pathAndQuery).matches()) {
                if (best == null
                        || r.pattern().length() > best.pattern().length()
                        || (r.pattern().length() == best.pattern().length() && r.allow())) {
                    best = r;
                }
            }
        }
        return best == null || best.allow();
    }

    double crawlDelaySeconds() {
        return crawlDelaySeconds;
    }
}
