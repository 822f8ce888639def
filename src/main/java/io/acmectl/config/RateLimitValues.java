package io.acmectl.config;

import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.core.RateLimits;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rate limits as a user writes them, in the want list ({@code rate-limits:}) or on the command line
 * ({@code --rate-limits}), so both accept and refuse the same: {@code auto} (each CA's published
 * limits, where acmectl knows them), {@code letsencrypt}, {@code none}, or numbers
 * ({@code duplicates=2,new-orders=10}; a kind left out is not limited).
 */
public final class RateLimitValues {
    /** What may be written, for the messages that refuse something else. */
    public static final String SYNTAX = RateLimits.AUTO + ", " + String.join(", ", RateLimits.NAMED.keySet().stream()
            .sorted().toList()) + ", or numbers such as duplicates=2,new-orders=10 (kinds: "
            + String.join(", ", RateLimits.KEYS) + ")";

    private RateLimitValues() {}

    /** The limits written, or null for {@code auto}. */
    public static RateLimits parse(String text) {
        String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (word.equals(RateLimits.AUTO)) {
            return null;
        }
        if (RateLimits.NAMED.containsKey(word)) {
            return RateLimits.NAMED.get(word);
        }
        if (!word.contains("=")) {
            throw new Failure.BadInput("rate limits " + Quote.of(text) + " are none of: " + SYNTAX);
        }
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (String part : word.split(",", -1)) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new Failure.BadInput("rate limits " + Quote.of(text) + ": " + Quote.of(part.strip())
                        + " is not KIND=NUMBER");
            }
            String key = part.substring(0, equals).strip();
            if (numbers.put(key, number(key, part.substring(equals + 1).strip())) != null) {
                throw new Failure.BadInput("rate limits " + Quote.of(text) + " give " + key + " twice");
            }
        }
        return RateLimits.of(numbers);
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Failure.BadInput("rate limit " + key + ": " + Quote.of(value) + " is not a whole number");
        }
    }
}
