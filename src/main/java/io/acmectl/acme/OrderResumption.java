package io.acmectl.acme;

import java.net.URL;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order a stopped run was finalizing, read again (RFC 8555 section 7.1.3) and taken to its
 * certificate when it can still bring the one asked for: see {@link OrderFlow#resume}. Bounded like
 * an order: every wait by the poller's patience, the whole by {@link OrderFlow#ORDER_CEILING}.
 */
final class OrderResumption {
    private static final Logger LOG = LoggerFactory.getLogger(OrderResumption.class);

    private final Poller poller;

    OrderResumption(Poller poller) {
        this.poller = poller;
    }

    Optional<OrderFlow.Issued> resume(Login login, URL orderUrl, OrderRequest request) throws AcmeException {
        Instant ceiling = poller.now().plus(OrderFlow.ORDER_CEILING);
        Order order = login.bindOrder(orderUrl);
        if (!fetched(order) || !usable(order, request)) {
            return Optional.empty();
        }
        Status status = order.getStatus();
        if (status == Status.PROCESSING) {
            status = poller.await(order, order::getStatus, Set.of(Status.VALID, Status.INVALID, Status.READY),
                    "issuance of the certificate (order " + orderUrl + ", resumed)", ceiling);
        }
        if (status == Status.READY) {
            LOG.debug("the order {} is ready: finalising it", orderUrl);
            new Finalization(poller).finalizeAndAwait(order, OrderFlow.csr(request), ceiling);
        } else if (status != Status.VALID) {
            LOG.info("the order {} is {}: it brings no certificate", orderUrl, status.name().toLowerCase(Locale.ROOT));
            return Optional.empty();
        }
        return Optional.of(OrderFlow.download(order, null, request.preferredChain()));
    }

    /**
     * False when the CA will not show the order: refused with a problem document (unknown, another
     * account's), or an error page that is not worth asking again (Pebble's 404 for an order it does
     * not know). No answer at all, a CA that kept failing, or a rate limit is thrown: the order may
     * well be good, and the next run asks again.
     */
    private static boolean fetched(Order order) throws AcmeException {
        try {
            order.fetch();
            return true;
        } catch (AcmeRateLimitedException e) {
            throw e;
        } catch (AcmeServerException e) {
            LOG.info("the order {} cannot be resumed: {}", order.getLocation(), AcmeFailures.problem(e.getProblem()));
            return false;
        } catch (AcmeException e) {
            if (e.getClass() != AcmeException.class) {
                throw e;
            }
            LOG.info("the order {} cannot be resumed: {}", order.getLocation(), e.getMessage());
            return false;
        }
    }

    /**
     * For the names asked, and not past its {@code expires}: a record left long ago would bring a
     * certificate as old (and RFC 8555 has the order invalid by then).
     */
    private boolean usable(Order order, OrderRequest request) {
        Set<String> names = new HashSet<>();
        order.getIdentifiers().forEach(identifier -> names.add(AcmeIdentifiers.fromAcme(identifier, false).value()));
        if (!names.equals(new HashSet<>(request.names()))) {
            LOG.info("the order {} is for {}, not {}", order.getLocation(), names, request.names());
            return false;
        }
        Optional<Instant> expires = order.getExpires();
        if (expires.isPresent() && expires.get().isBefore(poller.now())) {
            LOG.info("the order {} expired at {}", order.getLocation(), expires.get());
            return false;
        }
        return true;
    }
}
