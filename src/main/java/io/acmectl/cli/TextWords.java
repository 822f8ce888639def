package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.StoredCertificate;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.CertificateOutcome.Obtained;
import io.acmectl.hooks.HookFailure;
import io.acmectl.renewal.RenewalDecision;

/** The words {@link TextPrinter} uses for outcomes, renewal decisions and hook failures. */
final class TextWords {
    private TextWords() {}

    static String kind(CertificateOutcome outcome) {
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

    static String detail(CertificateOutcome outcome) {
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

    /** Nothing happened to it: a line a run not watched on a terminal leaves out. */
    static boolean uneventful(CertificateOutcome outcome) {
        return outcome instanceof CertificateOutcome.NotDue || outcome instanceof CertificateOutcome.Unchanged;
    }

    /** Why a certificate is due when it is; {@code certificate} gives a revocation's date where known. */
    static String why(StoredCertificate certificate, RenewalDecision decision) {
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

    /** The last line of a run over many certificates: how many of each outcome. */
    static String summary(BatchResult result, int leftOut) {
        return "issued " + result.count(Obtained.Kind.ISSUED) + ", renewed " + result.count(Obtained.Kind.RENEWED)
                + ", not due " + (result.count(CertificateOutcome.NotDue.class)
                        + result.count(CertificateOutcome.Unchanged.class)
                        + result.count(CertificateOutcome.Redeployed.class))
                + ", failed " + (result.count(CertificateOutcome.Failed.class) + leftOut)
                + ", skipped (locked) " + result.count(CertificateOutcome.Skipped.class)
                + (result.hookFailures().isEmpty() ? "" : ", hook failures " + result.hookFailures().size())
                + unverified(result);
    }

    /** Obtained and installed, but not presented by the server named to check: counted apart. */
    private static String unverified(BatchResult result) {
        long count = result.count(CertificateOutcome.Unverified.class);
        return count == 0 ? "" : ", deploy check failed " + count;
    }

    /** What the reporting after a run could not do (the notify command, the metrics file), a line each. */
    static java.util.List<String> reportingProblems(io.acmectl.flow.RunReporting.Result result) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (result.notifyFailure() != null) {
            lines.add("acmectl: " + describe(result.notifyFailure()) + " (the run's exit code is unchanged)");
        }
        if (result.metricsProblem() != null) {
            lines.add("acmectl: the metrics file " + result.metricsFile() + " could not be written: "
                    + result.metricsProblem());
        }
        return lines;
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
