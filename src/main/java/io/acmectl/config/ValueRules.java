package io.acmectl.config;

import java.util.regex.Pattern;

/**
 * The rules for values a user writes, whether in the want list or on the command line, so that
 * both refuse the same things: an e-mail address, a certificate profile name.
 */
public final class ValueRules {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    /** A profile is a token the CA's directory lists ("classic", "tlsserver", "shortlived"). */
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_EMAIL = 254;
    /** What a profile name may be, for the message that refuses one. */
    public static final String PROFILE_RULE = "letters, digits, '.', '_' and '-', at most 64";

    private ValueRules() {}

    public static boolean isEmail(String value) {
        return value != null && value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    public static boolean isProfile(String value) {
        return value != null && PROFILE.matcher(value).matches();
    }
}
