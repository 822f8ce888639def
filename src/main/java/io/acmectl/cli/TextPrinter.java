package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.CertificateListing;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.CertificateOutcome.Obtained;
import io.acmectl.flow.RunReporting;
import io.acmectl.hooks.HookFailure;
import io.acmectl.renewal.RenewalDecision;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * Turns the flows' typed results into the text people read: the one place that words them. A JSON
 * printer is a second implementation of the same conversions.
 */
final class TextPrinter {
    private static final String BATCH_LINE = "%-24s %-16s %s%n";
    private static final String LISTING_LINE = "%-24s %-40s %-8s %-10s %-20s %5s  %s%n";
    /** How much of an invalid entry's name its line shows (it may be anything). */
    private static final int NAME_LENGTH = 64;
    /** An error is one line, cut where {@link Errors} cuts one. */
    private static final int MAX_ERROR = 1000;

    private final PrintWriter out;
    private final PrintWriter err;

    TextPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    PrintWriter out() {
        return out;
    }

    /** For warnings and notes, one line each, that scripts reading stdout must not see. */
    PrintWriter err() {
        return err;
    }

    /** A line per certificate, the hooks that failed, then the summary line; returns the exit code. */
    int batch(BatchResult result) {
        return batch(result, List.of());
    }

    /**
     * The same, with a line per invalid want-list entry the run left out, each counted as failed: a
     * run over all certificates that had to leave one out has failed (1), as certbot's does for a
     * broken renewal file, whatever else went right.
     */
    int batch(BatchResult result, List<WantList.Rejected> leftOut) {
        for (CertificateOutcome outcome : result.outcomes()) {
            out.printf(BATCH_LINE, outcome.name(), kind(outcome), detail(outcome));
        }
        for (WantList.Rejected entry : leftOut) {
            int count = entry.errors().size();
            out.printf(BATCH_LINE, entry.name() == null ? "(no name)" : Quote.cut(entry.name(), NAME_LENGTH), "failed",
                    "invalid want-list entry, not attempted (" + count + (count == 1 ? " error" : " errors")
                            + " on stderr)");
        }
        hookFailures(result.hookFailures());
        out.println("issued " + result.count(Obtained.Kind.ISSUED) + ", renewed " + result.count(Obtained.Kind.RENEWED)
                + ", not due " + (result.count(CertificateOutcome.NotDue.class)
                        + result.count(CertificateOutcome.Unchanged.class)
                        + result.count(CertificateOutcome.Redeployed.class))
                + ", failed " + (result.count(CertificateOutcome.Failed.class) + leftOut.size())
                + ", skipped (locked) " + result.count(CertificateOutcome.Skipped.class)
                + (result.hookFailures().isEmpty() ? "" : ", hook failures " + result.hookFailures().size())
                + unverified(result));
        return leftOut.isEmpty() ? ExitCode.of(result).code : ExitCode.FAILED.code;
    }

    /** Obtained and installed, but not presented by the server named to check: counted apart. */
    private static String unverified(BatchResult result) {
        long count = result.count(CertificateOutcome.Unverified.class);
        return count == 0 ? "" : ", deploy check failed " + count;
    }

    /** What the reporting after a run could not do (the notify command, the metrics file), on stderr. */
    void reported(RunReporting.Result result) {
        if (result.notifyFailure() != null) {
            err.println("acmectl: " + describe(result.notifyFailure()) + " (the run's exit code is unchanged)");
        }
        if (result.metricsProblem() != null) {
            err.println("acmectl: the metrics file " + result.metricsFile() + " could not be written: "
                    + result.metricsProblem());
        }
    }

    /**
     * Every error of the want list's invalid entries, a line each on stderr, in file order: those of
     * {@code stopping} (the entries that stop this run) as errors, the others as entries the run skips.
     */
    void rejected(List<WantList.Rejected> rejected, List<WantList.Rejected> stopping) {
        for (WantList.Rejected entry : rejected) {
            String whose = entry.name() == null ? "a certificate without a name"
                    : "certificate " + Quote.of(entry.name());
            for (String error : entry.errors()) {
                err.println(stopping.contains(entry) ? "acmectl: error: " + Quote.cut(error, MAX_ERROR)
                        : "acmectl: " + Quote.cut(error, MAX_ERROR) + " (" + whose + " skipped)");
            }
        }
    }

    /** What {@code issue} says about its one certificate. */
    void issued(CertificateOutcome outcome) {
        if (outcome instanceof CertificateOutcome.Unverified unverified) {
            issued(unverified.obtained());
            err.println("acmectl: error: deploy check failed: " + unverified.finding().describe());
            return;
        }
        if (outcome instanceof CertificateOutcome.Unchanged unchanged) {
            StoredCertificate c = unchanged.certificate();
            out.printf("Certificate %s is valid until %s and covers %s: nothing to do (--force to issue again).%n",
                    c.name(), c.notAfter(), String.join(", ", c.domains()));
        } else if (outcome instanceof Obtained obtained) {
            StoredCertificate c = obtained.certificate();
            out.printf("Issued certificate %s for %s, valid until %s.%nFiles: %s%n", c.name(),
                    String.join(", ", c.domains()), c.notAfter(), obtained.live().directory());
        }
    }

    void hookFailures(List<HookFailure> failures) {
        failures.forEach(failure -> err.println("acmectl: " + describe(failure)));
    }

    void listing(CertificateListing.Listing listing, java.nio.file.Path store) {
        out.printf(LISTING_LINE, "NAME", "DOMAINS", "KEY", "PROFILE", "NOT AFTER", "DAYS", "NEXT RENEWAL");
        for (CertificateListing.Entry entry : listing.entries()) {
            StoredCertificate c = entry.certificate();
            RenewalDecision decision = entry.decision();
            String next = decision.dueAt() == null ? why(c, decision)
                    : (decision.due() ? "due now" : decision.dueAt().toString()) + " (" + why(c, decision) + ")";
            out.printf(LISTING_LINE, c.name(), String.join(",", c.domains()), c.spec().key().type().id(),
                    c.spec().profile() == null ? "-" : c.spec().profile(), c.notAfter(),
                    Duration.between(listing.now(), c.notAfter()).toDays(), next);
            if (c.renewal().lastFailure() != null) {
                out.printf("    last failure %s: %s%n", c.renewal().lastFailureAt(), c.renewal().lastFailure());
            }
        }
        if (listing.entries().isEmpty()) {
            out.println("No certificates in " + store);
        }
    }

    private static String kind(CertificateOutcome outcome) {
        if (outcome instanceof Obtained obtained) {
            return obtained.kind() == Obtained.Kind.ISSUED ? "issued" : "renewed";
        }
        if (outcome instanceof CertificateOutcome.Unchanged) {
            return "unchanged";
        }
        if (outcome instanceof CertificateOutcome.Unverified unverified) {
            return kind(unverified.obtained()) + ", unchecked";
        }
        if (outcome instanceof CertificateOutcome.NotDue) {
            return "not due";
        }
        if (outcome instanceof CertificateOutcome.Redeployed) {
            return "deployed";
        }
        return outcome instanceof CertificateOutcome.Failed ? "failed" : "skipped (locked)";
    }

    private static String detail(CertificateOutcome outcome) {
        if (outcome instanceof Obtained obtained) {
            return (obtained.dryRun() ? "dry run: would be valid until " : "valid until ")
                    + obtained.certificate().notAfter();
        }
        if (outcome instanceof CertificateOutcome.Unchanged unchanged) {
            return "valid until " + unchanged.certificate().notAfter();
        }
        if (outcome instanceof CertificateOutcome.Unverified unverified) {
            return "installed, valid until " + unverified.obtained().certificate().notAfter()
                    + ", but the deploy check failed: " + unverified.finding().describe();
        }
        if (outcome instanceof CertificateOutcome.NotDue notDue) {
            RenewalDecision decision = notDue.decision();
            return decision.basis() == RenewalDecision.Basis.REVOKED ? "revoked; issue it again to renew it"
                    : "due " + decision.dueAt() + " (" + why(null, decision) + ")";
        }
        if (outcome instanceof CertificateOutcome.Redeployed redeployed) {
            return "version " + redeployed.certificate().version() + " was stored but its deploy hooks had not "
                    + "finished: they ran now";
        }
        if (outcome instanceof CertificateOutcome.Failed failed) {
            return failed.cause() instanceof Failure ? failed.cause().getMessage()
                    : "internal error: " + failed.cause() + " (run with --verbose for details)";
        }
        return ((CertificateOutcome.Skipped) outcome).cause().getMessage();
    }

    /** Why a certificate is due when it is; {@code certificate} gives a revocation's date where known. */
    private static String why(StoredCertificate certificate, RenewalDecision decision) {
        return switch (decision.basis()) {
            case REVOKED -> "revoked " + (certificate == null ? "" : certificate.revokedAt())
                    + "; issue it again to renew";
            case ARI_WINDOW -> "ARI window " + decision.windowStart() + " to " + decision.windowEnd();
            case THIRD_OF_LIFETIME -> "a third of the lifetime left";
            case HALF_OF_LIFETIME -> "half of the lifetime left";
            case RENEW_BEFORE -> decision.rule().describe();
            case CA_RETRY_AFTER -> "due, but the CA asked not to be asked again before then";
        };
    }

    static String describe(HookFailure failure) {
        String hook = failure.stage().id() + " hook '" + failure.command() + "'";
        return switch (failure.kind()) {
            case EXITED -> hook + " exited with " + failure.exitCode()
                    + (failure.output().isEmpty() ? "" : ": " + failure.output());
            case TIMED_OUT -> hook + " did not finish within " + failure.timeout().toSeconds() + " s";
            case COULD_NOT_RUN -> hook + " could not run: " + failure.output();
            case INTERRUPTED -> hook + " was interrupted";
        };
    }
}
