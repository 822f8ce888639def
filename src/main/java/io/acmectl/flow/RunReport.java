package io.acmectl.flow;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code renew} or {@code issue --all} run did, for those who were not watching: the notify
 * command reads it as JSON ({@link #SCHEMA_VERSION}; documented in README.md), the metrics file is
 * made from it. Data only: {@link RunReports} builds it, the notifier and the metrics file word it.
 */
public record RunReport(int schemaVersion, RunPart run, Map<String, Long> counts, List<CertificatePart> certificates,
        List<HookPart> hookFailures) {
    /** Raised only when a field changes meaning or goes away; new fields keep the version. */
    public static final int SCHEMA_VERSION = 1;

    public RunReport {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts)); // in Outcome's order
        certificates = List.copyOf(certificates);
        hookFailures = List.copyOf(hookFailures);
    }

    /** How a certificate came out of the run: its {@link #id()} is what the JSON and the metrics say. */
    public enum Outcome {
        ISSUED, RENEWED, UNCHANGED, NOT_DUE, DEPLOYED, FAILED, UNVERIFIED, SKIPPED, INVALID;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether this is a failure the admin must hear about. */
        public boolean failed() {
            return this == FAILED || this == UNVERIFIED || this == INVALID;
        }
    }

    /**
     * The run: {@code command} ({@code renew}, {@code issue --all}), when it started and how long it
     * took; {@code error}: set when the run as a whole failed (then no certificate is listed).
     */
    public record RunPart(String command, Instant started, double durationSeconds, ErrorPart error) {
        public static RunPart of(RunInfo info, ErrorPart error) {
            return new RunPart(info.command(), info.started(), info.duration().toMillis() / 1000.0, error);
        }
    }

    /** What a command did, as the report names it: the command, when it started, how long it took. */
    public record RunInfo(String command, Instant started, Duration duration) {}

    /** {@code kind}: {@code ca-refused}, {@code rate-limited}, {@code deploy-check}, {@code internal}... */
    public record ErrorPart(String kind, String message) {}

    /** The last failure the store keeps for a certificate (cleared by its next success). */
    public record FailurePart(Instant at, String message) {}

    /**
     * One certificate of the run: its facts after the run ({@code notAfter}, {@code lastSuccess}: when
     * its newest version was issued, {@code nextRenewal}: null when revoked), what the run did with it,
     * and whether it is {@code expiring}: within the notify's expiry-days of its end, past the time it
     * should have been renewed, and not renewed by this run.
     */
    public record CertificatePart(String name, List<String> domains, Outcome outcome, ErrorPart error,
            Instant notAfter, Instant lastSuccess, FailurePart lastFailure, Instant nextRenewal, boolean expiring) {
        public CertificatePart {
            domains = List.copyOf(domains);
        }
    }

    /** A hook of the run that failed: its stage, its command, and what went wrong. */
    public record HookPart(String stage, String command, String message) {}

    public boolean anyFailed() {
        return run.error() != null || !hookFailures.isEmpty()
                || certificates.stream().anyMatch(c -> c.outcome().failed());
    }

    public boolean anyExpiring() {
        return certificates.stream().anyMatch(CertificatePart::expiring);
    }

    public long count(Outcome outcome) {
        return counts.getOrDefault(outcome.id(), 0L);
    }
}
