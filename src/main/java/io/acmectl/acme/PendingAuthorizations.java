package io.acmectl.acme;

import java.util.List;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an order failed (a validation the CA refused, a self-check that stopped it, a solver that
 * could not present), its authorizations still pending are deactivated (RFC 8555 section 7.5.2), so
 * they do not linger at the CA for the next order to stumble on. Best effort: each is read and
 * deactivated once, at most {@link #MAX}, every request bounded like all others; what fails is
 * logged and left, never raised over the failure that got here.
 */
final class PendingAuthorizations {
    /** An order has up to 100 names at Let's Encrypt; a cleanup that tries more is not worth its time. */
    static final int MAX = 100;
    private static final Logger LOG = LoggerFactory.getLogger(PendingAuthorizations.class);

    private PendingAuthorizations() {}

    /** Returns how many were deactivated. */
    static int deactivate(List<Authorization> authorizations) {
        int done = 0;
        for (Authorization authorization : authorizations.subList(0, Math.min(authorizations.size(), MAX))) {
            try {
                authorization.fetch();
                if (authorization.getStatus() == Status.PENDING) {
                    authorization.deactivate();
                    done++;
                    LOG.debug("deactivated the pending authorization {}", authorization.getLocation());
                }
            } catch (AcmeException | RuntimeException e) {
                LOG.info("could not deactivate the authorization {}: {}", authorization.getLocation(), e.getMessage());
            }
        }
        if (done > 0) {
            LOG.info("deactivated {} pending authorization(s) of the failed order", done);
        }
        return done;
    }
}
