package io.acmectl.challenge.dns;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dns-persist-01 record (draft-ietf-acme-dns-persist): at {@code _validation-persist.NAME}, the
 * TXT value {@code "<issuer-domain>; accounturi=<account URL>"}, with {@code policy=wildcard} when it
 * is to cover {@code *.NAME} too, and an optional {@code persistUntil=<unix time>} after which it
 * proves nothing.
 */
public final class PersistRecord {
    static final String LABEL = "_validation-persist";

    private PersistRecord() {}

    /** The owner name (absolute) for a name, without {@code *.}. */
    public static String owner(String baseName) {
        return LABEL + "." + baseName + ".";
    }

    /** The value to publish, for the first issuer domain the CA names. */
    public static String value(String issuerDomain, String accountUrl, boolean wildcard) {
        return issuerDomain + "; accounturi=" + accountUrl + (wildcard ? "; policy=wildcard" : "");
    }

    /**
     * Whether a TXT value already there proves control for this CA and account: one of the issuer
     * domains, this account, {@code policy=wildcard} for a wildcard, and not expired.
     */
    static boolean proves(String txt, List<String> issuerDomains, String accountUrl, boolean wildcard, Instant now) {
        String[] parts = txt.split(";");
        String issuer = normal(parts[0]);
        if (issuerDomains.stream().map(PersistRecord::normal).noneMatch(issuer::equals)) {
            return false;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair.length == 2) {
                parameters.put(pair[0].trim().toLowerCase(Locale.ROOT), pair[1].trim());
            }
        }
        if (!accountUrl.equals(parameters.get("accounturi"))) {
            return false;
        }
        if (wildcard && !"wildcard".equalsIgnoreCase(parameters.get("policy"))) {
            return false;
        }
        String until = parameters.get("persistuntil");
        return until == null || !expired(until, now);
    }

    private static boolean expired(String until, Instant now) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(until)).isBefore(now);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return true; // a value we cannot read may mean anything: publish ours
        }
    }

    private static String normal(String domain) {
        String trimmed = domain.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
