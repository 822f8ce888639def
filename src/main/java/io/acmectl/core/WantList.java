package io.acmectl.core;

import java.nio.file.Path;
import java.util.List;

/**
 * The certificates that should exist, as a want list declares them, validated and with defaults
 * applied. {@code hooks}: the global ones from {@code defaults}, run for every certificate before its own.
 * {@code rateLimits}: what acmectl lets itself ask of each CA ({@code rate-limits}); null when the file
 * says nothing or {@code auto}: each CA's published limits ({@link RateLimits#publishedBy}).
 * {@code policy}: the names acmectl may order at all ({@code policy: allowed-domains}).
 */
public record WantList(Path file, Hooks hooks, List<Wanted> certificates, RateLimits rateLimits, Policy policy) {
    public WantList {
        certificates = List.copyOf(certificates);
        policy = policy == null ? Policy.ANY : policy;
    }

    /** A want list with neither rate limits nor a policy of its own. */
    public WantList(Path file, Hooks hooks, List<Wanted> certificates) {
        this(file, hooks, certificates, null, Policy.ANY);
    }

    public WantList withGuard(RateLimits rateLimits, Policy policy) {
        return new WantList(file, hooks, certificates, rateLimits, policy);
    }

    /** One wanted certificate, and what to register an account with if its server has none yet. */
    public record Wanted(CertificateName name, CertificateSpec spec, List<String> emails, boolean agreeTos) {
        public Wanted {
            emails = List.copyOf(emails);
        }
    }
}
