package io.acmectl.acme;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.DefaultConnection;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NonceHolder;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSONBuilder;

/**
 * acme4j's connection, bounded: every request ends within the policy's deadline with its answer
 * read whole ({@link Exchange}), and a transient failure is tried again within the policy's budget.
 *
 * <p>What is tried again: any request that got no answer or a 500/502/503/504, and a badNonce that
 * outlasted acme4j's own ten tries; not a rate limit (it is reported with its time), an answer over
 * the size cap, or a CA certificate we do not trust. Signed POSTs are included on purpose: a
 * POST-as-GET changes nothing; newAccount with the same key returns the same account; a second
 * newOrder at worst leaves a pending order to expire (CAs reuse a pending order for the same names);
 * a challenge answered twice is answered; a finalize whose first try went through is refused as
 * orderNotReady, which {@link Finalization} checks against the order's status; and revoking twice
 * ends as alreadyRevoked (then reported as revoked before: the one inexact line, when an answer was
 * lost).
 */
final class BoundedConnection extends DefaultConnection {
    private static final Set<Integer> TRANSIENT_STATUS = Set.of(500, 502, 503, 504);

    private final NetworkPolicy policy;
    /** The last answer's status and Retry-After: acme4j may close (forget) the answer before we look. */
    private Integer lastStatus;
    private Instant lastRetryAfter;

    BoundedConnection(HttpConnector connector, NetworkPolicy policy) {
        super(connector);
        this.policy = policy;
    }

    @Override
    public int sendRequest(URL url, Session session, ZonedDateTime ifModifiedSince) throws AcmeException {
        return Retries.run(policy, url, this::close, () -> once(() -> super.sendRequest(url, session,
                ifModifiedSince)));
    }

    @Override
    protected int sendSignedRequest(URL url, JSONBuilder claims, Session session, KeyPair keypair,
            URL accountLocation, String accept) throws AcmeException {
        return Retries.run(policy, url, this::close,
                () -> once(() -> super.sendSignedRequest(url, claims, session, keypair, accountLocation, accept)));
    }

    /**
     * acme4j asks for a nonce when the session has none; inside its badNonce loop it does so without
     * closing the refused answer, and fails with "Previous connection is not closed" when another
     * thread's answer came without a Replay-Nonce (an error page from a proxy, say) and so emptied the
     * shared nonce. The refused answer has been read by then: close it first.
     */
    @Override
    public void resetNonce(Session session) throws AcmeException {
        close();
        super.resetNonce(session);
    }

    /** Every HTTP request acme4j makes comes here: the same headers as acme4j's, then a bounded exchange. */
    @Override
    protected void sendRequest(Session session, URL url, Consumer<HttpRequest.Builder> body) throws IOException {
        HttpRequest.Builder builder = httpConnector.createRequestBuilder(url)
                .header("Accept-Charset", "utf-8")
                .header("Accept-Language", session.getLanguageHeader());
        if (session.networkSettings().isCompressionEnabled()) {
            builder.header("Accept-Encoding", "gzip");
        }
        body.accept(builder);
        HttpRequest request = builder.build();
        lastStatus = null;
        lastRetryAfter = null;
        try {
            lastResponse = Exchange.send(httpClient, request, policy);
        } catch (IOException e) {
            if ("POST".equals(request.method())) {
                dropNonce(session);
            }
            throw e;
        }
        lastStatus = lastResponse.statusCode();
        lastRetryAfter = retryAfter(lastResponse.headers(), Instant.now()).orElse(null);
    }

    /**
     * A POST whose answer was lost may have reached the CA and spent the session's nonce; sent again
     * with it, it would only be refused as badNonce. acme4j calls us holding the session's nonce lock,
     * so no other request sees the nonce in between.
     */
    private static void dropNonce(Session session) {
        try (NonceHolder nonce = session.lockNonce()) {
            nonce.setNonce(null);
        }
    }

    /** One try; a transient failure leaves as {@link GaveUp}, for {@link Retries} to ask again. */
    private int once(Retries.Attempt<Integer> attempt) throws AcmeException {
        try {
            return attempt.send();
        } catch (AcmeException e) {
            if (e instanceof GaveUp || !isTransient(e)) {
                throw e;
            }
            throw new GaveUp(e, 1, lastStatus, lastRetryAfter);
        }
    }

    private boolean isTransient(AcmeException e) {
        if (e instanceof AcmeRateLimitedException) {
            return false;
        }
        if (e instanceof AcmeNetworkException) {
            return !(e.getCause() instanceof Exchange.TooLarge) && !AcmeFailures.isTrustFailure(e.getCause());
        }
        if (e instanceof AcmeServerException server && ProblemType.BAD_NONCE.is(server)) {
            return true;
        }
        return lastStatus != null && TRANSIENT_STATUS.contains(lastStatus);
    }

    /** RFC 9110 Retry-After: delay-seconds or an HTTP-date. Anything else is ignored. */
    static Optional<Instant> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            String text = value.get();
            return Optional.of(text.chars().allMatch(Character::isDigit) ? now.plusSeconds(Long.parseLong(text))
                    : ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
