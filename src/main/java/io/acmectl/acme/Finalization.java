package io.acmectl.acme;

import io.acmectl.core.Failure;
import java.time.Instant;
import java.util.Set;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * finalize (RFC 8555 section 7.4) and the wait for the certificate, robust to a lost answer either
 * way. A finalize the CA took leaves the order processing or valid; an order still ready afterwards
 * never got it (the request or its answer lost, a stale copy from a proxy), so it is finalized once
 * more with the same CSR instead of waiting out the poller's patience on an order that will not
 * move. A finalize sent again after its first try went through is refused as orderNotReady: the
 * order's status then says whether the CA is already on it.
 */
final class Finalization {
    private static final Logger LOG = LoggerFactory.getLogger(Finalization.class);
    private static final Set<Status> SETTLED = Set.of(Status.VALID, Status.INVALID, Status.READY);

    private final Poller poller;

    Finalization(Poller poller) {
        this.poller = poller;
    }

    /** Returns once the order is valid (its certificate ready to download); a Failure otherwise. */
    void finalizeAndAwait(Order order, byte[] csr, Instant ceiling) throws AcmeException {
        String what = "issuance of the certificate (order " + order.getLocation() + ", CSR accepted by the CA)";
        execute(order, csr);
        Status status = poller.await(order, order::getStatus, SETTLED, what, ceiling);
        if (status == Status.READY) {
            LOG.warn("the order {} is still ready after the finalize request: the CA did not get it; "
                    + "finalizing again with the same CSR", order.getLocation());
            execute(order, csr);
            status = poller.await(order, order::getStatus, SETTLED, what, ceiling);
            if (status == Status.READY) {
                throw new Failure.CaRefused("the CA left the order " + order.getLocation() + " ready after two "
                        + "finalize requests with the same CSR: it did not take either");
            }
        }
        if (status != Status.VALID) {
            throw new Failure.CaRefused("the CA did not issue the certificate: "
                    + order.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
    }

    private static void execute(Order order, byte[] csr) throws AcmeException {
        try {
            order.execute(csr);
        } catch (AcmeServerException e) {
            if (!ProblemType.ORDER_NOT_READY.is(e)) {
                throw e;
            }
            order.fetch();
            Status status = order.getStatus();
            if (status != Status.PROCESSING && status != Status.VALID) {
                throw e;
            }
            LOG.debug("finalize of {} refused as {}: an earlier try went through", order.getLocation(), status);
        }
    }
}
