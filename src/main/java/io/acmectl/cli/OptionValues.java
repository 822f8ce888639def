package io.acmectl.cli;

import io.acmectl.config.RateLimitValues;
import io.acmectl.config.ValueRules;
import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.core.RevocationReason;
import java.util.Base64;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check an option's value while the command line is parsed: a bad value is a usage
 * error (exit 2, "Try ... --help") before any file, port or CA is touched. Each message quotes the
 * value (cut short, control characters escaped) and says what is accepted. A converter that returns
 * a String returns the value as typed, checked: the commands keep their field types.
 */
final class OptionValues {
    private OptionValues() {}

    /** --http-port: 1 to 65535 (0 would bind a random port the CA cannot know). */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return number(value, 1, 65535, " is not a port number (1 to 65535)");
        }
    }

    /** --parallel: 1 to 64 certificates at once. */
    static final class Parallel implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return number(value, 1, 64, " is not a number from 1 to 64");
        }
    }

    /** --reason: one of RFC 5280's reasons a subscriber may give. */
    static final class Reason implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return checked(value, () -> RevocationReason.parse(value));
        }
    }

    /** --cert-name: a name the store can hold (a folder name that cannot escape it). */
    static final class CertName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return checked(value, () -> CertificateName.of(value));
        }
    }

    /** -m/--email: an address. */
    static final class Email implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!ValueRules.isEmail(value)) {
                throw new TypeConversionException(Quote.of(value) + " is not an e-mail address");
            }
            return value;
        }
    }

    /** --profile: one token, as the CA's directory lists it. */
    static final class Profile implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!ValueRules.isProfile(value)) {
                throw new TypeConversionException(Quote.of(value) + " is not a profile name ("
                        + ValueRules.PROFILE_RULE + ")");
            }
            return value;
        }
    }

    /** --rate-limits: auto, letsencrypt, none, or KIND=NUMBER,... (the want list's rule). */
    static final class RateLimitsText implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return checked(value, () -> RateLimitValues.parse(value));
        }
    }

    /** --eab-kid: the key id the CA showed, one word. */
    static final class EabKeyId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isEmpty() || value.length() > 256 || !value.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new TypeConversionException(Quote.of(value) + " is not a key id (the CA's EAB key id: one "
                        + "word of printable ASCII)");
            }
            return value;
        }
    }

    /**
     * --eab-hmac-key: base64url, as RFC 8555 and the CAs give it. A secret, so a refusal names the
     * first character that does not belong, never the key.
     */
    static final class EabHmacKey implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_' || c == '=')) {
                    throw new TypeConversionException("the key is not base64url: " + Quote.of(String.valueOf(c))
                            + " at character " + (i + 1) + " (base64url holds letters, digits, '-' and '_'; the "
                            + "key itself is not shown)");
                }
            }
            try {
                if (value.isEmpty() || Base64.getUrlDecoder().decode(value).length == 0) {
                    throw new TypeConversionException("the key is empty");
                }
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("the key is not base64url: its length or padding is wrong");
            }
            return value;
        }
    }

    private static int number(String value, int min, int max, String rule) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new TypeConversionException(Quote.of(value) + rule);
    }

    private static String checked(String value, Runnable check) {
        try {
            check.run();
            return value;
        } catch (Failure.BadInput e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
