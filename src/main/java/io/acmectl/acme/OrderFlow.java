package io.acmectl.acme;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.challenge.ChallengeSolver;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.CSRBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One certificate from order to download (RFC 8555 section 7.1): authorizations are answered
 * together, then the order is finalised with a CSR for the new key.
 */
public final class OrderFlow {
    private static final Logger LOG = LoggerFactory.getLogger(OrderFlow.class);
    private static final Set<Status> DECIDED = Set.of(Status.VALID, Status.INVALID, Status.DEACTIVATED,
            Status.EXPIRED, Status.REVOKED);

    private final Poller poller;

    public OrderFlow(Poller poller) {
        this.poller = poller;
    }

    /**
     * Returns the chain the CA issued, leaf first. {@code profile} and {@code replaces} (the ARI
     * certificate identifier's source, RFC 9773) may be null.
     */
    public List<X509Certificate> obtain(Login login, List<String> domains, KeyPair certificateKey,
            ChallengeSolver solver, String profile, X509Certificate replaces) throws AcmeException {
        OrderBuilder builder = login.newOrder().domains(domains);
        if (profile != null) {
            builder.profile(profile);
        }
        if (replaces != null) {
            builder.replaces(replaces);
        }
        Order order;
        try {
            order = builder.create();
        } catch (AcmeServerException e) {
            if (replaces == null || !e.getType().toString().endsWith(":alreadyReplaced")) {
                throw e;
            }
            // Another order already named it (a forced renewal, say): order without the claim.
            LOG.debug("the CA says {} was already replaced; ordering without 'replaces'", replaces.getSerialNumber());
            return obtain(login, domains, certificateKey, solver, profile, null);
        }
        LOG.debug("order {} created for {}", order.getLocation(), domains);
        if (authorize(order, solver)) {
            order.fetch(); // the authorizations just turned valid: the order is most likely ready now
        }
        Status ready = poller.await(order, order::getStatus, Set.of(Status.READY, Status.VALID, Status.INVALID),
                "the order");
        if (ready == Status.INVALID) {
            throw new AcmectlException(ExitCode.FAILED, "the CA marked the order invalid: "
                    + order.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
        LOG.debug("order ready; finalising");
        order.execute(csr(domains, certificateKey));
        Status issued = poller.await(order, order::getStatus, Set.of(Status.VALID, Status.INVALID),
                "the certificate");
        if (issued != Status.VALID) {
            throw new AcmectlException(ExitCode.FAILED, "the CA did not issue the certificate: "
                    + order.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
        org.shredzone.acme4j.Certificate certificate = order.getCertificate();
        certificate.download();
        LOG.debug("certificate downloaded from {}", certificate.getLocation());
        return certificate.getCertificateChain();
    }

    /** Answers the pending authorizations; false when the CA had none pending (all reused). */
    private boolean authorize(Order order, ChallengeSolver solver) throws AcmeException {
        List<Authorization> pending = new ArrayList<>();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.PENDING) {
                pending.add(authorization);
            }
        }
        List<Challenge> deployed = new ArrayList<>();
        try {
            // Every answer is in place before the first trigger, so the CA validates them all at once.
            for (Authorization authorization : pending) {
                Challenge challenge = authorization.findChallenge(solver.type())
                        .orElseThrow(() -> new AcmectlException(ExitCode.FAILED, "the CA offers no " + solver.type()
                                + " challenge for " + authorization.getIdentifier().getValue()));
                solver.deploy(authorization.getIdentifier(), challenge);
                deployed.add(challenge);
            }
            for (Challenge challenge : deployed) {
                challenge.trigger();
            }
            LOG.debug("{} challenge(s) triggered", deployed.size());
            for (int i = 0; i < pending.size(); i++) {
                await(pending.get(i), deployed.get(i));
            }
        } finally {
            for (int i = 0; i < deployed.size(); i++) {
                solver.remove(pending.get(i).getIdentifier(), deployed.get(i));
            }
        }
        return !pending.isEmpty();
    }

    private void await(Authorization authorization, Challenge challenge) throws AcmeException {
        String name = authorization.getIdentifier().getValue();
        Status status = poller.await(challenge, challenge::getStatus, DECIDED, "validation of " + name);
        LOG.debug("validation of {}: {}", name, status);
        if (status != Status.VALID) {
            throw new AcmectlException(ExitCode.FAILED, "validation of " + name + " by " + challenge.getType()
                    + " failed: " + challenge.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
    }

    private static byte[] csr(List<String> domains, KeyPair key) {
        try {
            CSRBuilder builder = new CSRBuilder();
            builder.addDomains(domains);
            builder.sign(key);
            return builder.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build a CSR", e);
        }
    }
}
