package io.acmectl.config;

import io.acmectl.config.WantListYaml.PolicyYaml;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifiers;
import io.acmectl.core.Policy;
import io.acmectl.core.Quote;
import io.acmectl.core.RateLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The want list's {@code rate-limits} and {@code policy}. Both are the file's own, so a mistake in
 * either stops the whole file; each certificate's names must then lie inside that policy, so an
 * entry that could never be ordered is refused where the name stands, before anything is contacted.
 */
final class GuardSettings {
    private final Positions positions;
    private final RateLimits limits;
    private final Policy policy;

    GuardSettings(Positions positions, WantListYaml.File parsed) {
        this.positions = positions;
        this.limits = rateLimits(parsed.rateLimits());
        this.policy = policy(parsed.policy());
    }

    RateLimits limits() {
        return limits;
    }

    Policy policy() {
        return policy;
    }

    /** Null for {@code auto} (or nothing said): each CA's published limits. */
    private RateLimits rateLimits(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return RateLimits.of(numbers(map)); // each number checked where it stands
        }
        if (value instanceof String text) {
            try {
                return RateLimitValues.parse(text);
            } catch (Failure.BadInput e) {
                throw positions.fail("/rate-limits", e.getMessage());
            }
        }
        throw positions.fail("/rate-limits", "rate-limits must be one of: " + RateLimitValues.SYNTAX
                + " (as a map: { duplicates: 2 })");
    }

    private Map<String, Integer> numbers(Map<?, ?> map) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!RateLimits.KEYS.contains(key)) {
                throw positions.fail(Positions.KEY + "/rate-limits/" + key, "unknown rate limit " + Quote.of(key)
                        + " (known: " + String.join(", ", RateLimits.KEYS) + ")");
            }
            if (!(entry.getValue() instanceof Integer number) || number < 1) {
                throw positions.fail("/rate-limits/" + key, "rate limit " + key + " must be a whole number of at "
                        + "least 1 (leave it out for no limit)");
            }
            numbers.put(key, number);
        }
        return numbers;
    }

    private Policy policy(PolicyYaml policy) {
        if (policy == null) {
            return Policy.ANY;
        }
        List<String> given = policy.allowedDomains();
        if (given == null || given.isEmpty()) {
            throw positions.fail(given == null ? "/policy" : Positions.KEY + "/policy/allowed-domains",
                    "policy needs allowed-domains: the names (example.com) and patterns (*.example.org) that may "
                            + "be ordered");
        }
        List<String> patterns = new ArrayList<>();
        for (int j = 0; j < given.size(); j++) {
            try {
                patterns.add(Identifiers.parse(given.get(j)).value());
            } catch (Failure.BadInput e) {
                throw positions.fail("/policy/allowed-domains/" + j, e.getMessage());
            }
        }
        return new Policy(patterns);
    }

    /**
     * An error for each name ordered (a www name's apex too) outside the policy, at the name given;
     * {@code pointer}: where the entry's domains stand ({@code /certificates/3/domains/}).
     */
    List<Failure.BadInput> outside(List<String> given, List<String> ordered, String pointer) {
        List<String> normalized = given.stream().map(n -> Identifiers.parse(n).value()).toList();
        List<Failure.BadInput> errors = new ArrayList<>();
        for (String name : ordered) {
            if (policy.allows(name)) {
                continue;
            }
            int j = normalized.indexOf(name);
            String why = "";
            if (j < 0) {
                j = normalized.indexOf("www." + name);
                why = " (brought along by www." + name + "; include-apex: false leaves it out)";
            }
            errors.add(positions.fail(pointer + Math.max(j, 0), Quote.of(name) + why
                    + " is outside the policy's allowed-domains (" + policy.describe() + ")"));
        }
        return errors;
    }
}
