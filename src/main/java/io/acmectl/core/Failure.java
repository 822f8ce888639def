package io.acmectl.core;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything that can go wrong that is not a bug, as one closed family of types. A failure carries
 * data (the CA's problem type, a Retry-After), never a message to be parsed; only {@code cli} turns
 * one into a line of text and an exit code. Any other exception is a bug in acmectl.
 */
public abstract sealed class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Failure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The command line, the want list, a file or a name the user gave is wrong: the user must fix it. */
    public static final class BadInput extends Failure {
        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message, null);
        }

        public BadInput(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The CA answered and said no (an invalid order, a failed validation, a refused request). */
    public static final class CaRefused extends Failure {
        private static final long serialVersionUID = 1L;
        private final transient URI problemType;

        public CaRefused(String message, URI problemType, Throwable cause) {
            super(message, cause);
            this.problemType = problemType;
        }

        public CaRefused(String message) {
            this(message, null, null);
        }

        /** The RFC 8555 problem type ({@code urn:ietf:params:acme:error:...}), when the CA sent one. */
        public Optional<URI> problemType() {
            return Optional.ofNullable(problemType);
        }
    }

    /** The CA's rate limit stopped the request; it may be tried again after {@link #retryAfter()}. */
    public static final class RateLimited extends Failure {
        private static final long serialVersionUID = 1L;
        private final Instant retryAfter;

        public RateLimited(String message, Instant retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Instant> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * acmectl's own rate-limit guard held an order back before it reached the CA, which would have
     * refused it (and, asked often enough, paused the account). It clears at {@link #clearsAt()}.
     */
    public static final class RateGuard extends Failure {
        private static final long serialVersionUID = 1L;
        private final Instant clearsAt;

        public RateGuard(String message, Instant clearsAt) {
            super(message, null);
            this.clearsAt = clearsAt;
        }

        public Instant clearsAt() {
            return clearsAt;
        }
    }

    /** The CA could not be reached at all (refused connection, time-out, TLS trust). */
    public static final class CaUnreachable extends Failure {
        private static final long serialVersionUID = 1L;

        public CaUnreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A local resource a challenge needs is not available: a port in use, an unwritable folder. */
    public static final class ChallengeSetup extends Failure {
        private static final long serialVersionUID = 1L;

        public ChallengeSetup(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The store could not be read or written. */
    public static final class StoreFailure extends Failure {
        private static final long serialVersionUID = 1L;

        public StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Another acmectl run holds what this one needs (a certificate, a port, the accounts). A run over
     * many certificates reports it as "skipped (locked)", never as a failure: the other run does the work.
     */
    public static final class Locked extends Failure {
        private static final long serialVersionUID = 1L;

        public Locked(String message) {
            super(message, null);
        }
    }

    /**
     * The work stopped on our side although nobody refused it: interrupted, out of patience waiting for
     * the CA, or a certificate from the CA that we will not install.
     */
    public static final class Aborted extends Failure {
        private static final long serialVersionUID = 1L;

        public Aborted(String message, Throwable cause) {
            super(message, cause);
        }

        public Aborted(String message) {
            this(message, null);
        }
    }
}
