package io.acmectl.acme;

import io.acmectl.challenge.ChallengeSolver;
import io.acmectl.challenge.Proof;
import io.acmectl.challenge.Responder;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import java.io.IOException;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.CSRBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One certificate from order to download (RFC 8555 section 7.1): every pending authorization is
 * answered by the solver chosen for its identifier, all are triggered together, then the order is
 * finalised with a CSR for the new key; an order a stopped run was finalizing is {@link #resume}d
 * instead of placed again. Every request is bounded ({@link BoundedConnection}), every
 * wait gives up after the poller's patience, and the whole order after {@link #ORDER_CEILING}.
 */
public final class OrderFlow {
    /** Beyond this an order is given up whatever the CA says (three waits of 3 min fit, with room). */
    static final Duration ORDER_CEILING = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(OrderFlow.class);
    private static final Set<Status> DECIDED = Set.of(Status.VALID, Status.INVALID, Status.DEACTIVATED,
            Status.EXPIRED, Status.REVOKED);

    private final AcmeSessions sessions;
    private final Poller poller;

    /**
     * {@code clock} is the run's "now", which tests move; waiting on the CA is real time (see {@link
     * Poller#standard}), so it is not used for that.
     */
    public OrderFlow(AcmeSessions sessions, Clock clock) {
        this(sessions, Poller.standard(Clock.systemUTC()));
    }

    OrderFlow(AcmeSessions sessions, Poller poller) {
        this.sessions = sessions;
        this.poller = poller;
    }

    /**
     * What an order brought: the chain, leaf first, and why the order did not name the certificate
     * it replaces although asked to (null when it did, or none was asked): for the lineage's record.
     */
    public record Issued(List<X509Certificate> chain, String replacesDropped) {
        public Issued {
            chain = List.copyOf(chain);
        }
    }

    /**
     * Told the order's URL once it is ready, right before finalize: from then on the CA may issue, so
     * this is the moment to note the order, for a stopped run's successor to {@link #resume} it.
     */
    @FunctionalInterface
    public interface BeforeFinalize {
        BeforeFinalize NOTHING = order -> { };

        void finalizing(URL order);
    }

    /** Returns the chain the CA issued, leaf first. */
    public List<X509Certificate> obtain(Signer signer, OrderRequest request, Responder responder) {
        return order(signer, request, responder, BeforeFinalize.NOTHING).chain();
    }

    /** The same, with what happened to the {@code replaces} claim. */
    public Issued order(Signer signer, OrderRequest request, Responder responder, BeforeFinalize beforeFinalize) {
        return AcmeFailures.at(signer.server(), "ordering " + String.join(", ", request.names()),
                () -> order(sessions.login(signer), request, responder, beforeFinalize));
    }

    /**
     * What became of an order a stopped run was finalizing (RFC 8555 section 7.1.3), asked as the
     * account that placed it: valid, its certificate; processing, the same once the CA is done; ready
     * (the finalize never reached the CA), finalized now with a CSR for {@code request}'s key. Empty
     * when it will bring no certificate (invalid, expired, still pending, for other names, or unknown
     * to the CA): then it is ordered anew. A CA that cannot be reached is a failure, not an empty answer:
     * the order may still be good.
     */
    public Optional<Issued> resume(Signer signer, URL orderUrl, OrderRequest request) {
        return AcmeFailures.at(signer.server(), "resuming the order " + orderUrl,
                () -> new OrderResumption(poller).resume(sessions.login(signer), orderUrl, request));
    }

    private Issued order(Login login, OrderRequest request, Responder responder, BeforeFinalize beforeFinalize)
            throws AcmeException {
        Instant ceiling = poller.now().plus(ORDER_CEILING);
        NewOrder.Created created = NewOrder.create(login, request);
        Order order = created.order();
        LOG.debug("order {} created for {}", order.getLocation(), request.names());
        if (authorize(order, responder, ceiling, login.getAccountLocation())) {
            order.fetch(); // the authorizations just turned valid: the order is most likely ready now
        }
        Status ready = poller.await(order, order::getStatus, Set.of(Status.READY, Status.VALID, Status.INVALID),
                "the order " + order.getLocation() + " (its authorizations valid)", ceiling);
        if (ready == Status.INVALID) {
            throw new Failure.CaRefused("the CA marked the order invalid: "
                    + order.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
        if (ready == Status.READY) {
            LOG.debug("order ready; finalising");
            beforeFinalize.finalizing(order.getLocation());
            new Finalization(poller).finalizeAndAwait(order, csr(request), ceiling);
        }
        return download(order, created.replacesDropped(), request.preferredChain());
    }

    /** The certificate, with the chain whose top is issued by {@code preferredChain} when the CA offers it. */
    static Issued download(Order order, String replacesDropped, String preferredChain) throws AcmeException {
        org.shredzone.acme4j.Certificate certificate = order.getCertificate();
        certificate.download();
        LOG.debug("certificate downloaded from {}", certificate.getLocation());
        return new Issued(PreferredChain.pick(certificate, preferredChain), replacesDropped);
    }

    /** An authorization being answered: who answers it, and with what. */
    private record Answer(Authorization authorization, ChallengeSolver solver, Challenge challenge, Proof proof) {}

    /**
     * Answers the pending authorizations; false when the CA had none pending (all reused). When they
     * cannot all be answered, the ones still pending are deactivated before the failure goes on.
     * {@code account}: the account's URL, which a dns-persist-01 record names.
     */
    private boolean authorize(Order order, Responder responder, Instant ceiling, URL account) throws AcmeException {
        List<Authorization> pending = new ArrayList<>();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.PENDING) {
                pending.add(authorization);
            }
        }
        try {
            // Choosing fails too (a name no solver can prove, a challenge type the CA does not offer):
            // then the authorizations are left as pending as a failed validation leaves them.
            List<Answer> answers = new ArrayList<>();
            for (Authorization authorization : pending) {
                answers.add(choose(authorization, responder, account));
            }
            answer(answers, ceiling);
        } catch (AcmeException | RuntimeException e) {
            PendingAuthorizations.deactivate(pending);
            throw e;
        }
        return !pending.isEmpty();
    }

    private void answer(List<Answer> answers, Instant ceiling) throws AcmeException {
        Map<ChallengeSolver, List<Proof>> bySolver = new LinkedHashMap<>();
        answers.forEach(a -> bySolver.computeIfAbsent(a.solver(), s -> new ArrayList<>()).add(a.proof()));
        List<Answer> presented = new ArrayList<>();
        try {
            // Every answer is in place and confirmed before the first trigger, so the CA validates them
            // all at once, and none that would fail.
            for (Map.Entry<ChallengeSolver, List<Proof>> batch : bySolver.entrySet()) {
                answers.stream().filter(a -> a.solver() == batch.getKey()).forEach(presented::add);
                batch.getKey().presentAll(batch.getValue());
            }
            bySolver.forEach(ChallengeSolver::confirm);
            for (Answer answer : answers) {
                answer.challenge().trigger();
            }
            LOG.debug("{} challenge(s) triggered", answers.size());
            for (Answer answer : answers) {
                await(answer, ceiling);
            }
        } finally {
            for (Answer answer : presented) {
                answer.solver().cleanUp(answer.proof());
            }
        }
    }

    /** {@code account}: the account's URL, which a dns-persist-01 record names. */
    private static Answer choose(Authorization authorization, Responder responder, URL account) {
        Identifier identifier = AcmeIdentifiers.fromAcme(authorization.getIdentifier(), authorization.isWildcard());
        ChallengeSolver solver = responder.solverFor(identifier);
        Challenge challenge = authorization.findChallenge(solver.type()).orElseThrow(() -> new Failure.CaRefused(
                "the CA offers no " + solver.type() + " challenge for " + identifier));
        return new Answer(authorization, solver, challenge, Proofs.of(identifier, challenge, account));
    }

    private void await(Answer answer, Instant ceiling) throws AcmeException {
        Challenge challenge = answer.challenge();
        String name = answer.proof().identifier().value();
        Status status = poller.await(challenge, challenge::getStatus, DECIDED, "the CA's validation of " + name
                + " by " + challenge.getType() + " (challenge " + challenge.getLocation() + ")", ceiling);
        LOG.debug("validation of {}: {}", name, status);
        if (status != Status.VALID) {
            throw new Failure.CaRefused("validation of " + name + " by " + challenge.getType() + " failed: "
                    + challenge.getError().map(AcmeFailures::problem).orElse("no reason given"));
        }
    }

    static byte[] csr(OrderRequest request) {
        try {
            CSRBuilder builder = new CSRBuilder();
            // DNS names as dNSName SANs, IP addresses as iPAddress SANs (RFC 8738 section 3)
            request.identifiers().forEach(identifier -> builder.addIdentifier(AcmeIdentifiers.toAcme(identifier)));
            builder.sign(request.certificateKey());
            return builder.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build a CSR", e);
        }
    }
}
