package io.acmectl.store;

import java.util.Locale;
import java.util.regex.Pattern;

/** The four files of a certificate version, by certbot's names. */
enum Part {
    CHAIN, FULLCHAIN, PRIVKEY, CERT;

    private final String base = name().toLowerCase(Locale.ROOT);
    private final Pattern versionedName = Pattern.compile(base + "(\\d+)\\.pem");

    /** {@code cert.pem}: in {@code live/NAME/} and in a version folder. */
    String fileName() {
        return base + ".pem";
    }

    /** {@code cert3.pem}: in {@code archive/NAME/}. */
    String versioned(int version) {
        return base + version + ".pem";
    }

    /** The version a versioned file name of this part names, or 0 if it is not one. */
    int versionOf(String fileName) {
        var matcher = versionedName.matcher(fileName);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
