package io.acmectl.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many requests of each kind acmectl lets itself make of one CA, so that it stops before the CA
 * would refuse (and before a looping cron job gets an account paused). The kinds and their windows
 * are Let's Encrypt's: {@code newOrders} per account per 3 hours, {@code certificatesPerDomain} per
 * registered domain per 7 days, {@code duplicates} (the same exact set of names) per 7 days,
 * {@code failedValidations} per name per account per hour. 0: that kind is not limited.
 */
public record RateLimits(int newOrders, int certificatesPerDomain, int duplicates, int failedValidations) {
    public static final Duration NEW_ORDERS_WINDOW = Duration.ofHours(3);
    public static final Duration CERTIFICATES_WINDOW = Duration.ofDays(7);
    public static final Duration FAILED_VALIDATIONS_WINDOW = Duration.ofHours(1);

    public static final RateLimits NONE = new RateLimits(0, 0, 0, 0);
    /** Let's Encrypt's published limits (letsencrypt.org/docs/rate-limits). */
    public static final RateLimits LETS_ENCRYPT = new RateLimits(300, 50, 5, 5);
    /** Its staging environment's, far higher: dry runs go there and must stay repeatable. */
    public static final RateLimits LETS_ENCRYPT_STAGING = new RateLimits(1500, 30_000, 30_000, 60);

    /** The word for "the limits the server publishes, where acmectl knows them": the default. */
    public static final String AUTO = "auto";
    /** The words a user may write instead of numbers (besides {@link #AUTO}). */
    public static final Map<String, RateLimits> NAMED = Map.of("letsencrypt", LETS_ENCRYPT, "none", NONE);
    /** The keys of the numbers a user may write, in the order of the record's components. */
    public static final List<String> KEYS = List.of("new-orders", "certificates-per-domain", "duplicates",
            "failed-validations");

    public RateLimits {
        if (newOrders < 0 || certificatesPerDomain < 0 || duplicates < 0 || failedValidations < 0) {
            throw new IllegalArgumentException("a rate limit cannot be negative");
        }
    }

    /**
     * Let's Encrypt's limits for its production and staging directories, none for other CAs: acmectl
     * knows no other CA's numbers (a user who does writes them in the want list).
     */
    public static RateLimits publishedBy(CaServer server) {
        String directory = server.directory().toString();
        if (directory.equals(CaServer.ALIASES.get("letsencrypt").toString())) {
            return LETS_ENCRYPT;
        }
        return directory.equals(CaServer.ALIASES.get("letsencrypt-staging").toString()) ? LETS_ENCRYPT_STAGING : NONE;
    }

    /**
     * Limits from numbers keyed by {@link #KEYS}; a key left out is not limited. A {@link Failure.BadInput}
     * names an unknown key or a number below 1 (0 would refuse everything: leave the key out instead).
     */
    public static RateLimits of(Map<String, Integer> numbers) {
        int[] values = new int[KEYS.size()];
        for (Map.Entry<String, Integer> entry : numbers.entrySet()) {
            int index = KEYS.indexOf(entry.getKey().toLowerCase(Locale.ROOT));
            if (index < 0) {
                throw new Failure.BadInput("unknown rate limit " + Quote.of(entry.getKey()) + " (known: "
                        + String.join(", ", KEYS) + ")");
            }
            if (entry.getValue() == null || entry.getValue() < 1) {
                throw new Failure.BadInput("rate limit " + entry.getKey() + " must be a whole number of at least 1 "
                        + "(leave it out for no limit)");
            }
            values[index] = entry.getValue();
        }
        return new RateLimits(values[0], values[1], values[2], values[3]);
    }

    /** {@code "new-orders: 300, duplicates: 5"}: the limits set, as a user writes them; "none" when none is. */
    public String describe() {
        Map<String, Integer> set = new LinkedHashMap<>();
        int[] values = {newOrders, certificatesPerDomain, duplicates, failedValidations};
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0) {
                set.put(KEYS.get(i), values[i]);
            }
        }
        List<String> parts = new ArrayList<>();
        set.forEach((key, value) -> parts.add(key + ": " + value));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
