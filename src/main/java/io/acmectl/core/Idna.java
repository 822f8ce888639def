package io.acmectl.core;

import java.text.Normalizer;
import java.util.Locale;

/**
 * IDNA 2008 labels (RFC 5891): which Unicode a label may hold, and whether an {@code xn--} label
 * is a real A-label, by decoding it and encoding it back. Close to, not all of, IDNA 2008: the
 * contextual characters (ZWJ, ZWNJ, the middle dot...) are refused rather than judged in context,
 * and the bidi rule is left to the CA.
 */
final class Idna {
    static final String ACE = "xn--";

    private Idna() {}

    /** What is wrong with an {@code xn--} label (lower case, ASCII), or null when it is a valid A-label. */
    static String aLabelProblem(String label) {
        String unicode = Punycode.decode(label.substring(ACE.length()));
        String refused = "label " + Quote.of(label) + " is not a valid A-label (IDNA 2008): ";
        if (unicode == null || unicode.isEmpty()) {
            return refused + "its Punycode does not decode";
        }
        if (unicode.chars().allMatch(c -> c < 0x80)) {
            return refused + "it decodes to plain ASCII " + Quote.of(unicode);
        }
        String problem = uLabelProblem(unicode);
        if (problem != null) {
            return refused + "it decodes to " + Quote.of(unicode) + ", and " + problem;
        }
        if (!Punycode.encode(unicode).equals(label.substring(ACE.length()))) {
            return refused + "it does not encode back to itself";
        }
        return null;
    }

    /** What is wrong with a label that holds non-ASCII (already lower case, NFKC), or null when IDNA 2008 allows it. */
    static String uLabelProblem(String label) {
        if (!Normalizer.isNormalized(label, Normalizer.Form.NFC)) {
            return "label " + Quote.of(label) + " is not in Unicode normal form C";
        }
        int first = label.codePointAt(0);
        if (isMark(first)) {
            return "label " + Quote.of(label) + " starts with a combining mark";
        }
        int[] points = label.codePoints().toArray();
        for (int c : points) {
            if (!allowed(c)) {
                return Quote.of(new String(Character.toChars(c))) + String.format(" (U+%04X)", c)
                        + " is not allowed in a domain name by IDNA 2008";
            }
        }
        return null;
    }

    /** The A-label of a label that holds non-ASCII; call {@link #uLabelProblem} first. */
    static String toAscii(String label) {
        return ACE + Punycode.encode(label);
    }

    /** Letters, digits and marks that stay themselves under lower-casing and NFKC: IDNA 2008's PVALID, near enough. */
    private static boolean allowed(int c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
        }
        int type = Character.getType(c);
        boolean letterDigitMark = type == Character.LOWERCASE_LETTER || type == Character.OTHER_LETTER
                || type == Character.MODIFIER_LETTER || type == Character.DECIMAL_DIGIT_NUMBER || isMark(c);
        String alone = new String(Character.toChars(c));
        return letterDigitMark && Normalizer.normalize(alone.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC)
                .equals(alone);
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
