package io.acmectl.acme;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * newOrder (RFC 8555 section 7.4), naming the certificate it replaces when asked (RFC 9773). A
 * claim the CA will not take must not cost the renewal: Pebble, for one, answers serverInternal to
 * a {@code replaces} whose serial starts with a zero byte, on every run, {@code --force} included,
 * until the certificate expires. So when an order that names the replaced certificate is refused for
 * any reason but a rate limit (which would refuse the next order too), it is ordered again without
 * the claim, and the reason is logged and kept in {@link Created#replacesDropped()}. "Refused" means
 * a problem document; an error page or no answer at all is the CA's trouble, not the claim's.
 */
final class NewOrder {
    private static final Logger LOG = LoggerFactory.getLogger(NewOrder.class);

    private NewOrder() {}

    /** The order, and why the replaced certificate was not named in it (null when it was, or none was asked). */
    record Created(Order order, String replacesDropped) {}

    static Created create(Login login, OrderRequest request) throws AcmeException {
        try {
            return new Created(builder(login, request).create(), null);
        } catch (AcmeServerException | GaveUp e) {
            if (request.replaces() == null || !isRefusal(e)) {
                throw e;
            }
            String why = why(e);
            LOG.warn("{}: the CA refused the order naming the certificate it replaces (serial {}): {}; "
                    + "ordering again without 'replaces'", String.join(", ", request.names()),
                    request.replaces().getSerialNumber().toString(16), why);
            return new Created(builder(login, request.withoutReplaces()).create(), why);
        }
    }

    private static OrderBuilder builder(Login login, OrderRequest request) {
        OrderBuilder builder = login.newOrder()
                .identifiers(request.identifiers().stream().map(AcmeIdentifiers::toAcme).toList());
        if (request.profile() != null) {
            builder.profile(request.profile());
        }
        if (request.replaces() != null) {
            builder.replaces(request.replaces());
        }
        return builder;
    }

    /**
     * The CA answered no with a problem document (on every try, for a serverInternal), and not a rate
     * limit or a nonce storm. An error page or silence says nothing about the claim: ordering again
     * would only double the requests to a CA in trouble.
     */
    private static boolean isRefusal(AcmeException e) {
        AcmeException last = e instanceof GaveUp gaveUp ? gaveUp.last() : e;
        return last instanceof AcmeServerException refused && !(last instanceof AcmeRateLimitedException)
                && !ProblemType.BAD_NONCE.is(refused);
    }

    private static String why(AcmeException e) {
        AcmeException last = e instanceof GaveUp gaveUp ? gaveUp.last() : e;
        return AcmeFailures.problem(((AcmeServerException) last).getProblem());
    }
}
