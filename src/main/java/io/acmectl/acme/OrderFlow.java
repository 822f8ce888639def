package io.acmectl.acme;

import io.acmectl.challenge.ChallengeSolver;
import io.acmectl.challenge.Proof;
import io.acmectl.challenge.Responder;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.CSRBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One certificate from order to download (RFC 8555 section 7.1): every pending authorization is
 * answered by the solver chosen for its identifier, all are triggered together, then the order is
 * finalised with a CSR for the new key.
 */
public final class OrderFlow {
    private static final Logger LOG = LoggerFactory.getLogger(OrderFlow.class);
    private static final Set<Status> DECIDED = Set.of(Status.VALID, Status.INVALID, Status.DEACTIVATED,
            Status.EXPIRED, Status.REVOKED);

    private final AcmeSessions sessions;
    private final Poller poller;

    public OrderFlow(AcmeSessions sessions, Clock clock) {
        this(sessions, Poller.standard(clock));
    }

    OrderFlow(AcmeSessions sessions, Poller poller) {
        this.sessions = sessions;
        this.poller = poller;
    }

    /** Returns the chain the CA issued, leaf first. */
    public List<X509Certificate> obtain(Signer signer, OrderRequest request, Responder responder) {
        try {
            return obtain(sessions.login(signer), request, responder);
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, signer.server(), "ordering " + String.join(", ", request.names()));
        } catch (AcmeNotSupportedException e) {
            throw AcmeFailures.unsupported(e, signer.server(), "ordering " + String.join(", ", request.names()));
        }
    }

    private List<X509Certificate> obtain(Login login, OrderRequest request, Responder responder)
            throws AcmeException {
        Order order = create(login, request);
        LOG.debug("order {} created for {}", order.getLocation(), request.names());
        if (authorize(order, responder)) {
            order.fetch(); // the authorizations just turned valid: the order is most likely ready now
        }
        Status ready = poller.await(order, order::getStatus, Set.of(Status.READY, Status.VALID, Status.INVALID),
                "the order");
        if (ready == Status.INVALID) {
            throw new Failure.CaRefused("the CA marked the order invalid: "
                    + order.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
        LOG.debug("order ready; finalising");
        order.execute(csr(request));
        Status issued = poller.await(order, order::getStatus, Set.of(Status.VALID, Status.INVALID), "the certificate");
        if (issued != Status.VALID) {
            throw new Failure.CaRefused("the CA did not issue the certificate: "
                    + order.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
        org.shredzone.acme4j.Certificate certificate = order.getCertificate();
        certificate.download();
        LOG.debug("certificate downloaded from {}", certificate.getLocation());
        return certificate.getCertificateChain();
    }

    private static Order create(Login login, OrderRequest request) throws AcmeException {
        OrderBuilder builder = login.newOrder().domains(request.names());
        if (request.profile() != null) {
            builder.profile(request.profile());
        }
        if (request.replaces() != null) {
            builder.replaces(request.replaces());
        }
        try {
            return builder.create();
        } catch (AcmeServerException e) {
            if (request.replaces() == null || !ProblemType.ALREADY_REPLACED.is(e)) {
                throw e;
            }
            // Another order already named it (a forced renewal, say): order without the claim.
            LOG.debug("the CA says {} was already replaced; ordering without 'replaces'",
                    request.replaces().getSerialNumber());
            return create(login, request.withoutReplaces());
        }
    }

    /** An authorization being answered: who answers it, and with what. */
    private record Answer(Authorization authorization, ChallengeSolver solver, Challenge challenge, Proof proof) {}

    /** Answers the pending authorizations; false when the CA had none pending (all reused). */
    private boolean authorize(Order order, Responder responder) throws AcmeException {
        List<Answer> answers = new ArrayList<>();
        try {
            // Every answer is in place before the first trigger, so the CA validates them all at once.
            for (Authorization authorization : order.getAuthorizations()) {
                if (authorization.getStatus() == Status.PENDING) {
                    Answer answer = choose(authorization, responder);
                    answer.solver().present(answer.proof());
                    answers.add(answer);
                }
            }
            for (Answer answer : answers) {
                answer.challenge().trigger();
            }
            LOG.debug("{} challenge(s) triggered", answers.size());
            for (Answer answer : answers) {
                await(answer);
            }
        } finally {
            for (Answer answer : answers) {
                answer.solver().cleanUp(answer.proof());
            }
        }
        return !answers.isEmpty();
    }

    private static Answer choose(Authorization authorization, Responder responder) {
        String name = authorization.getIdentifier().getDomain();
        Identifier identifier = Identifier.dns(authorization.isWildcard() ? "*." + name : name);
        ChallengeSolver solver = responder.solverFor(identifier);
        Challenge challenge = authorization.findChallenge(solver.type()).orElseThrow(() -> new Failure.CaRefused(
                "the CA offers no " + solver.type() + " challenge for " + identifier));
        return new Answer(authorization, solver, challenge, Proofs.of(identifier, challenge));
    }

    private void await(Answer answer) throws AcmeException {
        Challenge challenge = answer.challenge();
        String name = answer.proof().identifier().value();
        Status status = poller.await(challenge, challenge::getStatus, DECIDED, "validation of " + name);
        LOG.debug("validation of {}: {}", name, status);
        if (status != Status.VALID) {
            throw new Failure.CaRefused("validation of " + name + " by " + challenge.getType() + " failed: "
                    + challenge.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
    }

    private static byte[] csr(OrderRequest request) {
        try {
            CSRBuilder builder = new CSRBuilder();
            builder.addDomains(request.names());
            builder.sign(request.certificateKey());
            return builder.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build a CSR", e);
        }
    }
}
