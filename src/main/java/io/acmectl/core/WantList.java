package io.acmectl.core;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The certificates that should exist, as a want list declares them, validated and with defaults
 * applied. {@code hooks}: the global ones from {@code defaults}, run for every certificate before its own.
 * {@code rateLimits}: what acmectl lets itself ask of each CA ({@code rate-limits}); null when the file
 * says nothing or {@code auto}: each CA's published limits ({@link RateLimits#publishedBy}).
 * {@code policy}: the names acmectl may order at all ({@code policy: allowed-domains}).
 * {@code rejected}: the entries that are invalid, in file order; {@code certificates} holds only the
 * valid ones, so one typo never stops the certificates it does not touch.
 * {@code notification}: who hears about failures and coming expiry ({@code notify:}), null for nobody;
 * {@code metricsFile}: the Prometheus textfile written after every run ({@code metrics-file:}), null for none.
 * {@code checks}: what is checked before the CA is asked ({@code self-check}, {@code ca-validation-ports}...),
 * null when the file says nothing of it: the defaults, or what the command line says.
 */
public record WantList(Path file, Hooks hooks, List<Wanted> certificates, RateLimits rateLimits, Policy policy,
        List<Rejected> rejected, Notify notification, Path metricsFile, PreflightChecks checks) {
    public WantList {
        certificates = List.copyOf(certificates);
        policy = policy == null ? Policy.ANY : policy;
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    /** A want list that tells nobody about its runs and says nothing of the checks before the CA. */
    public WantList(Path file, Hooks hooks, List<Wanted> certificates, RateLimits rateLimits, Policy policy,
            List<Rejected> rejected) {
        this(file, hooks, certificates, rateLimits, policy, rejected, null, null, null);
    }

    /** The same with these checks before the CA (null: the defaults). */
    public WantList withChecks(PreflightChecks value) {
        return new WantList(file, hooks, certificates, rateLimits, policy, rejected, notification, metricsFile, value);
    }

    /** A want list without invalid entries. */
    public WantList(Path file, Hooks hooks, List<Wanted> certificates, RateLimits rateLimits, Policy policy) {
        this(file, hooks, certificates, rateLimits, policy, List.of());
    }

    /** A want list with neither rate limits nor a policy of its own. */
    public WantList(Path file, Hooks hooks, List<Wanted> certificates) {
        this(file, hooks, certificates, null, Policy.ANY);
    }

    /** The same want list, with its {@code notify} and {@code metrics-file}. */
    public WantList withReporting(Notify newNotification, Path newMetricsFile) {
        return new WantList(file, hooks, certificates, rateLimits, policy, rejected, newNotification,
                newMetricsFile, checks);
    }

    /** The invalid entries that name one of these certificates, in file order. */
    public List<Rejected> rejected(Collection<CertificateName> names) {
        return rejected.stream().filter(r -> names.stream().anyMatch(n -> n.value().equals(r.name()))).toList();
    }

    /** One wanted certificate, and what to register an account with if its server has none yet. */
    public record Wanted(CertificateName name, CertificateSpec spec, List<String> emails, boolean agreeTos) {
        public Wanted {
            emails = List.copyOf(emails);
        }
    }

    /**
     * An invalid entry: its name as written (null when it has none), and each of its errors as
     * {@code FILE:LINE:COLUMN: message}, in file order.
     */
    public record Rejected(String name, List<String> errors) {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a rejected entry has at least one error");
            }
        }
    }
}
