package io.acmectl.config;

import java.util.regex.Pattern;

/**
 * The rules for values a user writes, whether in the want list or on the command line, so that
 * both refuse the same things: an e-mail address, a certificate profile name, a preferred chain's issuer.
 */
public final class ValueRules {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    /** A profile is a token the CA's directory lists ("classic", "tlsserver", "shortlived"). */
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_EMAIL = 254;
    /** An issuer's common name, as a preferred chain names it: printable, at most 64 (X.520's bound). */
    private static final Pattern ISSUER_NAME = Pattern.compile("[^\\p{Cntrl}]{1,64}");
    /** What a preferred chain may be, for the message that refuses one. */
    public static final String ISSUER_NAME_RULE = "an issuer's common name: 1 to 64 printable characters";
    /** What a profile name may be, for the message that refuses one. */
    public static final String PROFILE_RULE = "letters, digits, '.', '_' and '-', at most 64";

    private ValueRules() {}

    public static boolean isEmail(String value) {
        return value != null && value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    public static boolean isIssuerName(String value) {
        return value != null && !value.isBlank() && ISSUER_NAME.matcher(value).matches();
    }

    public static boolean isProfile(String value) {
        return value != null && PROFILE.matcher(value).matches();
    }
}
