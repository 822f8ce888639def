package io.acmectl.acme;

import io.acmectl.core.CaServer;
import io.acmectl.core.Failure;
import java.net.URI;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Turns what acme4j throws into our failure types, with one line a user can act on. Nothing above
 * the {@code acme} package sees an acme4j exception.
 */
final class AcmeFailures {
    private AcmeFailures() {}

    static Failure explain(AcmeException e, CaServer server, String doing) {
        if (e instanceof AcmeNetworkException) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Failure.CaUnreachable("cannot reach the CA at " + server.directory() + " while " + doing + ": "
                    + describe(cause), e);
        }
        if (e instanceof AcmeRateLimitedException limited) {
            String when = limited.getRetryAfter().map(t -> "; retry after " + t).orElse("");
            return new Failure.RateLimited("the CA's rate limit stopped " + doing + ": " + problem(limited.getProblem())
                    + when, limited.getRetryAfter().orElse(null), e);
        }
        if (e instanceof AcmeServerException refused) {
            return new Failure.CaRefused("the CA refused " + doing + ": " + problem(refused.getProblem()),
                    refused.getType(), e);
        }
        return new Failure.CaRefused("ACME error while " + doing + ": " + e.getMessage(), null, e);
    }

    /** acme4j refuses, before sending, what the CA's directory does not offer (a profile, ARI's replaces). */
    static Failure unsupported(AcmeNotSupportedException e, CaServer server, String doing) {
        return new Failure.BadInput("the CA at " + server.directory() + " does not support " + e.getMessage()
                + " (" + doing + ")", e);
    }

    /** The detail of a problem document with its type's short name, and its sub-problems. */
    static String problem(Problem problem) {
        StringBuilder out = new StringBuilder(problem.getDetail().orElse(problem.getTitle().orElse("no detail")));
        URI type = problem.getType();
        String shortType = type.toString().replace(ProblemType.PREFIX, "");
        out.append(" (").append(shortType).append(')');
        for (Problem sub : problem.getSubProblems()) {
            out.append("; ").append(sub.getIdentifier().map(id -> id.getValue() + ": ").orElse(""))
                    .append(sub.getDetail().orElse(""));
        }
        return out.toString();
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof javax.net.ssl.SSLHandshakeException) {
            return "TLS handshake failed (" + cause.getMessage() + "); for a private CA pass --ca-bundle";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
