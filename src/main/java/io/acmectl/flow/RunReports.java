package io.acmectl.flow;

import io.acmectl.core.Failure;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.flow.RunReport.CertificatePart;
import io.acmectl.flow.RunReport.ErrorPart;
import io.acmectl.flow.RunReport.Outcome;
import io.acmectl.hooks.HookFailure;
import io.acmectl.renewal.RenewalCheck;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.store.Lineages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link RunReport} from a run's typed results and what the store holds after it (each
 * certificate's newest version and last failure), at {@code now}. Reads only.
 */
final class RunReports {
    private final Lineages lineages;
    private final RenewalCheck check = new RenewalCheck();
    private final Instant now;
    private final Duration expiry;
    private final Map<String, List<String>> wantedDomains = new HashMap<>();

    /**
     * {@code expiryDays}: how close to its end a certificate not renewed in time counts as expiring;
     * {@code wantList} (may be null): the names of a certificate the store does not have yet.
     */
    RunReports(Lineages lineages, Instant now, int expiryDays, WantList wantList) {
        this.lineages = lineages;
        this.now = now;
        this.expiry = Duration.ofDays(expiryDays);
        if (wantList != null) {
            wantList.certificates().forEach(w -> wantedDomains.put(w.name().value(), w.spec().domains()));
        }
    }

    /** {@code leftOut}: the want list's invalid entries the run did not attempt, each reported as invalid. */
    RunReport of(RunReport.RunInfo info, BatchResult result, List<WantList.Rejected> leftOut) {
        List<CertificatePart> certificates = new ArrayList<>();
        for (CertificateOutcome outcome : result.outcomes()) {
            certificates.add(certificate(outcome));
        }
        for (WantList.Rejected entry : leftOut) {
            certificates.add(new CertificatePart(entry.name() == null ? "" : entry.name(), List.of(), Outcome.INVALID,
                    new ErrorPart("bad-input", String.join("; ", entry.errors())), null, null, null, null, false));
        }
        return new RunReport(RunReport.SCHEMA_VERSION, RunReport.RunPart.of(info, null), counts(certificates),
                certificates, result.hookFailures().stream().map(RunReports::hook).toList());
    }

    /** A run that failed as a whole (no store, interrupted): no certificate to list. */
    RunReport failed(RunReport.RunInfo info, RuntimeException error) {
        return new RunReport(RunReport.SCHEMA_VERSION, RunReport.RunPart.of(info, error(error)), counts(List.of()),
                List.of(), List.of());
    }

    /**
     * The lineage as stored, or null: a record that cannot be read (the reason its certificate failed,
     * likely) must not keep the report of that very run from going out.
     */
    private StoredCertificate stored(io.acmectl.core.CertificateName name) {
        try {
            return lineages.find(name).orElse(null);
        } catch (io.acmectl.core.Failure unreadable) {
            return null;
        }
    }

    private CertificatePart certificate(CertificateOutcome outcome) {
        StoredCertificate stored = stored(outcome.name());
        Outcome kind = outcome(outcome);
        ErrorPart error = null;
        if (outcome instanceof CertificateOutcome.Failed failed) {
            error = error(failed.cause());
        } else if (outcome instanceof CertificateOutcome.Skipped skipped) {
            error = new ErrorPart("locked", skipped.cause().getMessage());
        } else if (outcome instanceof CertificateOutcome.Unverified unverified) {
            error = new ErrorPart("deploy-check", unverified.finding().describe());
        }
        if (stored == null) {
            return new CertificatePart(outcome.name().value(), wantedDomains.getOrDefault(outcome.name().value(),
                    List.of()), kind, error, null, null, null, null, false);
        }
        RenewalDecision decision = check.decide(stored, now);
        RunReport.FailurePart lastFailure = stored.renewal().lastFailureAt() == null ? null
                : new RunReport.FailurePart(stored.renewal().lastFailureAt(), stored.renewal().lastFailure());
        return new CertificatePart(outcome.name().value(), stored.domains(), kind, error, stored.notAfter(),
                stored.issuedAt(), lastFailure, decision.dueAt(), expiring(stored, decision, kind));
    }

    /**
     * Near its end and overdue: the time to renew it has come (or the CA asked to wait) and this run
     * did not. A certificate that is merely short (six days) but not yet due is not expiring.
     */
    private boolean expiring(StoredCertificate stored, RenewalDecision decision, Outcome kind) {
        boolean renewedNow = kind == Outcome.ISSUED || kind == Outcome.RENEWED || kind == Outcome.UNVERIFIED;
        boolean overdue = decision.due() || decision.basis() == RenewalDecision.Basis.CA_RETRY_AFTER;
        return !renewedNow && !stored.isRevoked() && stored.notAfter() != null && overdue
                && stored.notAfter().isBefore(now.plus(expiry));
    }

    static Outcome outcome(CertificateOutcome outcome) {
        if (outcome instanceof CertificateOutcome.Obtained obtained) {
            return obtained.kind() == CertificateOutcome.Obtained.Kind.ISSUED ? Outcome.ISSUED : Outcome.RENEWED;
        }
        if (outcome instanceof CertificateOutcome.Unverified) {
            return Outcome.UNVERIFIED;
        }
        if (outcome instanceof CertificateOutcome.Unchanged) {
            return Outcome.UNCHANGED;
        }
        if (outcome instanceof CertificateOutcome.NotDue) {
            return Outcome.NOT_DUE;
        }
        if (outcome instanceof CertificateOutcome.Redeployed) {
            return Outcome.DEPLOYED;
        }
        return outcome instanceof CertificateOutcome.Failed ? Outcome.FAILED : Outcome.SKIPPED;
    }

    /** A failure's kind from its type ({@code CaRefused}: {@code ca-refused}); anything else is a bug. */
    static ErrorPart error(RuntimeException cause) {
        if (!(cause instanceof Failure)) {
            return new ErrorPart("internal", "internal error: " + cause);
        }
        String kind = cause.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return new ErrorPart(kind, cause.getMessage());
    }

    private static Map<String, Long> counts(List<CertificatePart> certificates) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome.id(), certificates.stream().filter(c -> c.outcome() == outcome).count());
        }
        return counts;
    }

    private static RunReport.HookPart hook(HookFailure failure) {
        String what = switch (failure.kind()) {
            case EXITED -> "exited with " + failure.exitCode() + (failure.output().isEmpty() ? "" : ": "
                    + failure.output());
            case TIMED_OUT -> "did not finish within " + failure.timeout().toSeconds() + " s";
            case COULD_NOT_RUN -> "could not run: " + failure.output();
            case INTERRUPTED -> "was interrupted";
        };
        return new RunReport.HookPart(failure.stage().id(), failure.command(), what);
    }
}
