package io.acmectl.acme;

import io.acmectl.core.CaServer;
import io.acmectl.core.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * The acme package's boundary: what acme4j throws, checked or not, becomes one of our failure
 * types with one line a user can act on. Nothing above the {@code acme} package sees an acme4j
 * exception, nor an {@link UncheckedIOException} from reading an answer.
 */
final class AcmeFailures {
    private AcmeFailures() {}

    /** A call into acme4j. */
    interface Call<T> {
        T call() throws AcmeException;
    }

    /** Runs {@code call}; whatever acme4j throws leaves as a {@link Failure} about {@code doing}. */
    static <T> T at(CaServer server, String doing, Call<T> call) {
        try {
            return call.call();
        } catch (AcmeException e) {
            throw explain(e, server, doing);
        } catch (AcmeNotSupportedException e) {
            throw unsupported(e, server, doing);
        } catch (AcmeLazyLoadingException e) {
            // acme4j fetched a resource on first use (a status, an account's contacts) and that failed
            throw e.getCause() instanceof AcmeException cause ? explain(cause, server, doing)
                    : unreadable(e, server, doing);
        } catch (AcmeProtocolException | UncheckedIOException e) {
            throw unreadable(e, server, doing);
        }
    }

    static Failure explain(AcmeException e, CaServer server, String doing) {
        if (e instanceof GaveUp gaveUp) {
            return gaveUp(gaveUp, server, doing);
        }
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

    /** The CA kept failing: it is as good as unreachable for this run (exit 4), whatever it said last. */
    private static Failure gaveUp(GaveUp e, CaServer server, String doing) {
        AcmeException last = e.last();
        String what = last instanceof AcmeServerException server5xx ? problem(server5xx.getProblem())
                : e.status().map(s -> "HTTP " + s).orElseGet(() -> describe(last.getCause() == null ? last
                        : last.getCause()));
        String when = e.retryAfter().map(t -> "; it asked to be asked again after " + t).orElse("");
        String how = e.status().isPresent() ? "the CA at " + server.directory() + " kept failing while "
                : "cannot reach the CA at " + server.directory() + " while ";
        return new Failure.CaUnreachable(how + doing + ": " + what + " (" + e.tries()
                + (e.tries() == 1 ? " try" : " tries") + when + ")", e);
    }

    /** acme4j refuses, before sending, what the CA's directory does not offer (a profile, ARI's replaces). */
    static Failure unsupported(AcmeNotSupportedException e, CaServer server, String doing) {
        return new Failure.BadInput("the CA at " + server.directory() + " does not support " + e.getMessage()
                + " (" + doing + ")", e);
    }

    /** An answer acmectl cannot read (not JSON, not a certificate, cut short): no usable CA this run. */
    private static Failure unreadable(RuntimeException e, CaServer server, String doing) {
        IOException io = ioCause(e);
        if (io != null) {
            return new Failure.CaUnreachable("cannot reach the CA at " + server.directory() + " while " + doing
                    + ": " + describe(io), e);
        }
        return new Failure.CaUnreachable("the CA at " + server.directory() + " sent an answer acmectl cannot read "
                + "while " + doing + ": " + e.getMessage(), e);
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
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

    /** The CA's TLS certificate is not trusted (no path to a trusted root): --ca-bundle may help. */
    static boolean isTrustFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within the time limit";
        }
        if (cause instanceof HttpTimeoutException) {
            return cause.getMessage() == null || cause.getMessage().isBlank() ? "timed out" : cause.getMessage();
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof javax.net.ssl.SSLHandshakeException) {
            return isTrustFailure(cause)
                    ? "TLS handshake failed (" + cause.getMessage() + "); for a private CA pass --ca-bundle"
                    : "TLS handshake failed (" + cause.getMessage() + ")";
        }
        if (cause instanceof EOFException || "closed".equals(cause.getMessage())) {
            return "the connection closed before the answer was complete";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
