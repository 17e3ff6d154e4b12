package org.bulletin.app.faults;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bulletin.schemas.RawRelease;

/**
 * Realistic short releases with known ids, each parsed by enrich as one release. Every tenth record from the second
 * ten on is an exact copy of an earlier one under a new key and source, and another is the same text re-spaced and
 * re-punctuated (both must be stored as duplicates of their original); a third is lightly edited (a near duplicate:
 * stored either as a duplicate of its source or as an original, never lost and notified at most once).
 */
final class Generator {

    private static final String[] WHO = {
        "CSTO Secretary General Imangali Tasmagambetov",
        "the Deputy Secretary General of the CSTO",
        "the Chief of the CSTO Joint Staff",
        "a CSTO Secretariat delegation",
        "the Chairman of the CSTO Permanent Council",
        "the head of the CSTO analytical department",
        "the CSTO special representative for Afghanistan",
        "the commander of the CSTO rapid reaction force"
    };
    private static final String[] MET = {
        "the Minister of Defence of Kazakhstan",
        "the Foreign Minister of Kyrgyzstan",
        "Tajik interior ministry officials",
        "the Ambassador of Armenia",
        "the State Secretary of Belarus",
        "a Russian deputy foreign minister",
        "border guard commanders",
        "OSCE field mission staff",
        "UN Office on Drugs and Crime experts",
        "SCO secretariat representatives"
    };
    private static final String[] CITY = {
        "Astana",
        "Bishkek",
        "Dushanbe",
        "Yerevan",
        "Minsk",
        "Moscow",
        "Almaty",
        "Osh",
        "Khujand",
        "Gyumri",
        "Brest",
        "Kazan"
    };
    private static final String[] TOPIC = {
        "joint exercise planning",
        "heroin seizures on the Afghan border",
        "peacekeeping contingent training",
        "irregular migration routes",
        "ransomware attacks on ministries",
        "flood relief deliveries",
        "external border protection",
        "arms smuggling networks",
        "military education exchanges",
        "crisis response procedures",
        "terrorist recruitment online",
        "evacuation of civilians"
    };
    private static final String[] VERB = {
        "approved", "reviewed", "postponed", "welcomed", "drafted", "signed", "extended", "criticised"
    };
    private static final String[] THING = {
        "a protocol",
        "the budget",
        "a roadmap",
        "the training calendar",
        "an inspection plan",
        "a memorandum",
        "the rules of engagement",
        "a liaison office"
    };
    private static final String[] MONTH = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };

    /** One generated raw record and the duplicate group it belongs to (the key of the group's first record). */
    record Item(String key, String group, boolean nearEdit, RawRelease raw) {

        Item(String key, String group, RawRelease raw) {
            this(key, group, false, raw);
        }
    }

    private Generator() {}

    /** {@code n} records keyed {@code prefix + index}; texts carry the prefix so scenarios never share a fingerprint. */
    static List<Item> releases(String prefix, int n) {
        List<Item> out = new ArrayList<>(n);
        List<String> texts = new ArrayList<>(n);
        List<String> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String key = prefix + String.format(Locale.ROOT, "%05d", i);
            String text;
            String group;
            boolean nearEdit = false;
            if (i >= 10 && i % 10 == 3) {
                text = texts.get(i - 3); // exact duplicate, another source
                group = groups.get(i - 3);
            } else if (i >= 10 && i % 10 == 7) {
                text = respaced(texts.get(i - 5)); // near duplicate: same words, other spacing and commas
                group = groups.get(i - 5);
            } else if (i >= 10 && i % 10 == 9) {
                // Edited: one clause rewritten. Enrich may or may not fold it into its source as a near duplicate
                // (MinHash similarity around its 0.8 threshold), so it is optional in its source's group.
                text = texts.get(i - 9).replace(". Next round", ". The next round of talks, postponed twice,");
                group = groups.get(i - 9);
                nearEdit = true;
            } else {
                text = text(prefix, i);
                group = key;
            }
            texts.add(text);
            groups.add(group);
            out.add(new Item(
                    key,
                    group,
                    nearEdit,
                    raw(
                            "fault-" + (i % 3),
                            "https://example.org/" + key,
                            "text/plain",
                            "UTF-8",
                            text.getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    /**
     * A release whose words are drawn per sentence from independent pools, with numbers in every sentence: two
     * different releases share few 5-word shingles, so enrich's near-duplicate check (MinHash, 0.8) keeps them apart.
     */
    static String text(String prefix, int i) {
        java.util.Random r = new java.util.Random((prefix + i).hashCode() * 31L + i);
        String ref = prefix.toUpperCase(Locale.ROOT) + i;
        String city = pick(r, CITY);
        String who = pick(r, WHO);
        String month = MONTH[r.nextInt(12)];
        int day = 1 + r.nextInt(28);
        String title = capital(who) + " discusses " + pick(r, TOPIC) + " in " + city + " (" + ref + ")";
        return title + "\n\n"
                + city + ", " + day + " " + month + " 2025. " + capital(who) + " met " + pick(r, MET) + " on "
                + pick(r, TOPIC) + "; " + (2 + r.nextInt(40)) + " experts from " + pick(r, CITY) + " joined. "
                + "Delegates " + pick(r, VERB) + " " + pick(r, THING) + " covering " + pick(r, TOPIC) + " and "
                + pick(r, VERB) + " " + pick(r, THING) + " number " + (100 + r.nextInt(900)) + ".\n\n"
                + "Item " + ref + ": " + (3 + r.nextInt(60)) + " tonnes, " + (1 + r.nextInt(500)) + " detainees, "
                + pick(r, MET) + " in " + pick(r, CITY) + " " + pick(r, VERB) + " " + pick(r, THING) + " after "
                + pick(r, TOPIC) + ". Next round " + (1 + r.nextInt(28)) + " " + MONTH[r.nextInt(12)] + " in "
                + pick(r, CITY) + ", chaired by " + pick(r, WHO) + ", session " + (10 + r.nextInt(80)) + ".\n";
    }

    private static String pick(java.util.Random r, String[] pool) {
        return pool[r.nextInt(pool.length)];
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String respaced(String text) {
        // Only spacing and punctuation change: enrich's normalised fingerprint folds both away.
        return text.replace(". Delegates", ".  Delegates").replace("; ", ", ").replace(" met ", "  met ");
    }

    static RawRelease raw(String sourceId, String url, String contentType, String charset, byte[] body) {
        return RawRelease.newBuilder()
                .setSourceId(sourceId)
                .setSourceUrl(url)
                .setFetchedAt(Instant.now())
                .setContentType(contentType)
                .setCharset(charset)
                .setBody(ByteBuffer.wrap(body))
                .setContentHash(sha256(body))
                .setMetadata(Map.of())
                .build();
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
