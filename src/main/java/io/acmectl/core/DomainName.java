package io.acmectl.core;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into the name a CA will accept, or says which name is wrong and why,
 * before anything is sent: a CA's rejection costs a failed order against its rate limits.
 */
public final class DomainName {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private DomainName() {}

    /** The normalised (lower-case, IDNA ASCII) form of one name. */
    public static String normalize(String input) {
        String name = input == null ? "" : input.trim();
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
        String ascii;
        try {
            ascii = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid(input, "it is not a valid host name");
        }
        if (ascii.length() > MAX_LENGTH) {
            throw invalid(input, "it is longer than " + MAX_LENGTH + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid(input, "a certificate needs a fully qualified name such as example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(input, "'" + label + "' is not a valid label (letters, digits and inner hyphens, 1-63)");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalid(input, "it looks like an IP address, not a domain name");
        }
        return wildcard ? "*." + ascii : ascii;
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
        return new Failure.BadInput("invalid domain name '" + input + "': " + why);
    }
}
