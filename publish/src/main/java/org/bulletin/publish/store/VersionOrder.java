package org.bulletin.publish.store;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders version strings naturally: runs of digits compare as numbers ("rules-10" after "rules-9"), the rest as
 * text. The classification contract does not fix a version format, so this is the least surprising order.
 */
final class VersionOrder {

    private static final Pattern TOKEN = Pattern.compile("\\d+|\\D+");

    static final Comparator<String> NATURAL = VersionOrder::compare;

    private VersionOrder() {}

    static int compare(String a, String b) {
        Matcher ma = TOKEN.matcher(a);
        Matcher mb = TOKEN.matcher(b);
        while (true) {
            boolean ha = ma.find();
            boolean hb = mb.find();
            if (!ha || !hb) {
                return Boolean.compare(ha, hb);
            }
            String ta = ma.group();
            String tb = mb.group();
            int c;
            if (Character.isDigit(ta.charAt(0)) && Character.isDigit(tb.charAt(0))) {
                c = new java.math.BigInteger(ta).compareTo(new java.math.BigInteger(tb));
            } else {
                c = ta.compareTo(tb);
            }
            if (c != 0) {
                return c;
            }
        }
    }
}
