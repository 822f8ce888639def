package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.IssueFlow;
import java.util.List;

/** The process exit codes, documented in README.md; scripts depend on them, so never renumber. */
public enum ExitCode {
    OK(0),
    /** The CA refused or a certificate could not be issued. */
    FAILED(1),
    /** The command line, a configuration file or a given name is wrong: the user must fix it. */
    USAGE(2),
    /** The store could not be read, written or locked. */
    STORE(3),
    /** The CA could not be reached at all (in a run over many certificates: by none that failed). */
    CA_UNREACHABLE(4),
    /** A local resource a challenge needs is unavailable (a port in use, for example). */
    CHALLENGE_SETUP(5),
    /** acmectl's rate guard held an order back before the CA would refuse it (in a run: all that failed). */
    RATE_GUARD(6),
    /**
     * A certificate was obtained and installed, but its deploy check failed: the server its
     * {@code verify} names does not present it (in a run: nothing else failed).
     */
    DEPLOY_CHECK(7),
    /** A bug in acmectl: anything not foreseen. */
    INTERNAL(70);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The one place a failure's kind becomes a number. */
    static ExitCode of(Failure failure) {
        if (failure instanceof Failure.BadInput) {
            return USAGE;
        }
        if (failure instanceof Failure.CaUnreachable) {
            return CA_UNREACHABLE;
        }
        if (failure instanceof Failure.ChallengeSetup) {
            return CHALLENGE_SETUP;
        }
        if (failure instanceof Failure.StoreFailure || failure instanceof Failure.Locked) {
            return STORE;
        }
        if (failure instanceof Failure.RateGuard) {
            return RATE_GUARD;
        }
        return FAILED; // CaRefused, RateLimited, Aborted
    }

    /**
     * A run over many certificates: 4 when no certificate could reach the CA (each that failed could
     * not reach it and none was obtained: try again later), 6 when the rate guard held back every one
     * that failed, else 1 when anything failed (a hook too), else 7 when a deploy check failed, else 3
     * when one was skipped, else 0.
     */
    static ExitCode of(BatchResult result) {
        boolean failed = result.count(CertificateOutcome.Failed.class) > 0;
        boolean unverified = result.count(CertificateOutcome.Unverified.class) > 0;
        if (failed && !unverified && onlyFailedBy(result, Failure.CaUnreachable.class)
                && result.count(CertificateOutcome.Obtained.class) == 0) {
            return CA_UNREACHABLE;
        }
        if (failed && !unverified && onlyFailedBy(result, Failure.RateGuard.class)) {
            return RATE_GUARD;
        }
        if (failed || !result.hookFailures().isEmpty()) {
            return FAILED;
        }
        if (unverified) {
            return DEPLOY_CHECK;
        }
        return result.count(CertificateOutcome.Skipped.class) > 0 ? STORE : OK;
    }

    /**
     * The same, with invalid want-list entries the run left out: a run over all certificates that had to
     * leave one out has failed (1), as certbot's does for a broken renewal file, whatever else went right.
     */
    static ExitCode of(BatchResult result, List<?> leftOut) {
        return leftOut.isEmpty() ? of(result) : FAILED;
    }

    /** {@code issue} of one certificate, which was obtained or was there already: 1 if a hook failed. */
    static ExitCode of(IssueFlow.Result result) {
        if (!result.hookFailures().isEmpty()) {
            return FAILED;
        }
        return result.outcome() instanceof CertificateOutcome.Unverified ? DEPLOY_CHECK : OK;
    }

    /** Every certificate that failed failed this way, and no hook failed. */
    private static boolean onlyFailedBy(BatchResult result, Class<? extends Failure> kind) {
        return result.hookFailures().isEmpty() && result.outcomes().stream()
                .filter(CertificateOutcome.Failed.class::isInstance)
                .allMatch(o -> kind.isInstance(((CertificateOutcome.Failed) o).cause()));
    }
}
