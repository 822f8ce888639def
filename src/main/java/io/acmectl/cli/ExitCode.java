package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.CertificateOutcome;

/** The process exit codes, documented in README.md; scripts depend on them, so never renumber. */
public enum ExitCode {
    OK(0),
    /** The CA refused or a certificate could not be issued. */
    FAILED(1),
    /** The command line, a configuration file or a given name is wrong: the user must fix it. */
    USAGE(2),
    /** The store could not be read, written or locked. */
    STORE(3),
    /** The CA could not be reached at all. */
    CA_UNREACHABLE(4),
    /** A local resource a challenge needs is unavailable (a port in use, for example). */
    CHALLENGE_SETUP(5),
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
        return FAILED; // CaRefused, RateLimited, Aborted
    }

    /** A run over many certificates: 1 when anything failed (a hook too), else 3 when one was skipped, else 0. */
    static ExitCode of(BatchResult result) {
        if (result.count(CertificateOutcome.Failed.class) > 0 || !result.hookFailures().isEmpty()) {
            return FAILED;
        }
        return result.count(CertificateOutcome.Skipped.class) > 0 ? STORE : OK;
    }
}
