package io.acmectl.core;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what a user typed into the name a CA will accept, or says which name is wrong and why,
 * before anything is sent: a CA's rejection costs a failed order against its rate limits.
 *
 * <p>One trailing dot (the absolute form, {@code example.com.}) is dropped, as lego does: a CA
 * wants the name without it. A name in Unicode becomes its IDNA 2008 A-labels, and an
 * {@code xn--} label must decode and encode back to itself.
 */
public final class DomainName {
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;
    private static final String ALLOWED = "letters, digits, hyphens and dots";

    private DomainName() {}

    /** The normalised (lower-case, IDNA ASCII) form of one name. */
    public static String normalize(String input) {
        String name = mapped(input == null ? "" : input);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw invalid(input, "it is empty");
        }
        boolean wildcard = name.startsWith("*.");
        String rest = wildcard ? name.substring(2) : name;
        if (rest.contains("*")) {
            throw invalid(input, "a wildcard may only stand as the whole first label (*.example.com)");
        }
        List<String> labels = new ArrayList<>();
        for (String label : rest.split("\\.", -1)) {
            labels.add(label(input, label));
        }
        String ascii = String.join(".", labels);
        if (ascii.length() > MAX_LENGTH) {
            throw invalid(input, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (labels.size() < 2) {
            throw invalid(input, "a certificate needs a fully qualified name such as example.com");
        }
        if (labels.get(labels.size() - 1).chars().allMatch(Character::isDigit)) {
            throw invalid(input, "it looks like an IP address, not a domain name");
        }
        return wildcard ? "*." + ascii : ascii;
    }

    /** Lower case; a name with non-ASCII also gets NFKC and the ideographic full stops as dots (UTS 46's mapping). */
    private static String mapped(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw invalid(input, "it contains a control character or an invisible one");
            }
        }
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(c -> c < 0x80)) {
            return lower;
        }
        return Normalizer.normalize(lower, Normalizer.Form.NFKC).replace('\u3002', '.').replace('\uff61', '.');
    }

    /** One label's ASCII form, or the reason it cannot be one. */
    private static String label(String input, String label) {
        if (label.isEmpty()) {
            throw invalid(input, "it has an empty label (two dots in a row, or a dot first)");
        }
        if (label.length() > MAX_LABEL * 4) {
            throw invalid(input, "label " + Quote.of(label) + " is longer than " + MAX_LABEL + " characters");
        }
        boolean unicode = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            unicode |= c >= 0x80;
            if (c < 0x80 && !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw invalid(input, Quote.of(String.valueOf(c)) + " is not allowed in a domain name (" + ALLOWED
                        + ")");
            }
        }
        String problem = unicode ? Idna.uLabelProblem(label) : null;
        if (problem != null) {
            throw invalid(input, problem);
        }
        String ascii = unicode ? Idna.toAscii(label) : label;
        checkLdh(input, label, ascii);
        return ascii;
    }

    /** The rules of the ASCII form: length, hyphens, and the {@code ??--} form reserved for A-labels. */
    private static void checkLdh(String input, String label, String ascii) {
        if (ascii.length() > MAX_LABEL) {
            throw invalid(input, "label " + Quote.of(label) + " is longer than " + MAX_LABEL + " characters"
                    + (ascii.equals(label) ? "" : " as " + Quote.of(ascii)));
        }
        if (label.length() >= 4 && label.startsWith("--", 2)) {
            String problem = label.startsWith(Idna.ACE) ? Idna.aLabelProblem(label)
                    : "label " + Quote.of(label) + " has '--' as third and fourth characters, a form reserved for "
                            + "IDNA A-labels (xn--)";
            if (problem != null) {
                throw invalid(input, problem);
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw invalid(input, "label " + Quote.of(label) + (label.startsWith("-") ? " starts" : " ends")
                    + " with a hyphen");
        }
    }

    /** Normalises every name, keeping the first-given order and dropping repeats. */
    public static List<String> normalizeAll(Collection<String> inputs) {
        Set<String> names = new LinkedHashSet<>();
        for (String input : inputs) {
            names.add(normalize(input));
        }
        return new ArrayList<>(names);
    }

    public static boolean isWildcard(String name) {
        return name.startsWith("*.");
    }

    private static Failure.BadInput invalid(String input, String why) {
        return new Failure.BadInput("invalid domain name " + Quote.of(input) + ": " + why);
    }
}
