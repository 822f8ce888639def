package io.acmectl.cli;

import io.acmectl.core.Failure;
import java.util.Map;

/**
 * The name a failure's kind has in JSON output ({@code error.kind}): one per class of the sealed
 * {@link Failure} family, stable for scripts (README lists them). A new failure kind is a new entry.
 */
final class ErrorKind {
    static final String USAGE = "usage";
    static final String BAD_INPUT = "bad-input";
    static final String INTERNAL = "internal";

    static final Map<Class<?>, String> KINDS = Map.of(
            Failure.BadInput.class, BAD_INPUT,
            Failure.CaRefused.class, "ca-refused",
            Failure.RateLimited.class, "rate-limited",
            Failure.RateGuard.class, "rate-guard",
            Failure.CaUnreachable.class, "ca-unreachable",
            Failure.ChallengeSetup.class, "challenge-setup",
            Failure.StoreFailure.class, "store",
            Failure.Locked.class, "locked",
            Failure.Aborted.class, "aborted");

    private ErrorKind() {}

    /** A Failure's kind, or {@link #INTERNAL} for anything else (a bug). */
    static String of(Throwable e) {
        return KINDS.getOrDefault(e.getClass(), INTERNAL);
    }

    /** The exit code of a failure of any kind, as {@link Errors} returns it. */
    static int exitCode(Throwable e) {
        return e instanceof Failure known ? ExitCode.of(known).code : ExitCode.INTERNAL.code;
    }
}
