package io.acmectl.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which way proves which name of a certificate: a spec per name (exact, or a {@code *.} pattern) and
 * a fallback for the rest. The order flow asks it once per authorization.
 */
public record ChallengeChoice(ChallengeSpec fallback, Map<String, ChallengeSpec> byName) {
    public ChallengeChoice {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static ChallengeChoice of(ChallengeSpec only) {
        return new ChallengeChoice(only, Map.of());
    }

    /** The exact name first, then the longest matching {@code *.} pattern, then the fallback. */
    public ChallengeSpec forIdentifier(Identifier identifier) {
        ChallengeSpec exact = byName.get(identifier.value());
        if (exact != null) {
            return exact;
        }
        ChallengeSpec best = null;
        int bestLength = -1;
        for (Map.Entry<String, ChallengeSpec> entry : byName.entrySet()) {
            String pattern = entry.getKey();
            if (pattern.startsWith("*.") && matches(pattern, identifier.value()) && pattern.length() > bestLength) {
                best = entry.getValue();
                bestLength = pattern.length();
            }
        }
        return best != null ? best : fallback;
    }

    /** Whether a key of {@code byName} (a name, or a {@code *.} pattern) stands for the normalised name. */
    public static boolean matches(String pattern, String name) {
        return pattern.equals(name) || pattern.startsWith("*.") && name.endsWith(pattern.substring(1));
    }

    /**
     * Why the spec chosen for the identifier cannot prove it, or empty when it can: the one place
     * that knows, for the want list's checks and the command line's alike.
     */
    public java.util.Optional<String> refusal(Identifier identifier) {
        ChallengeSpec spec = forIdentifier(identifier);
        if (spec.canProve(identifier)) {
            return java.util.Optional.empty();
        }
        if (identifier.isIp()) {
            return java.util.Optional.of("IP address '" + identifier + "' cannot be proven by " + spec.challengeType()
                    + ": an IP address needs http-01 or tls-alpn-01 (RFC 8738)");
        }
        return java.util.Optional.of("wildcard '" + identifier + "' needs dns-01, but this certificate answers "
                + spec.challengeType());
    }

    /** Every spec in use, for opening the solvers before the CA is contacted. */
    public java.util.Set<ChallengeSpec> all() {
        java.util.Set<ChallengeSpec> all = new java.util.LinkedHashSet<>();
        all.add(fallback);
        all.addAll(byName.values());
        return all;
    }
}
