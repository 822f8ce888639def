package io.acmectl.flow;

import io.acmectl.acme.OrderFlow;
import io.acmectl.acme.OrderRequest;
import io.acmectl.acme.Signer;
import io.acmectl.challenge.Responder;
import io.acmectl.challenge.Solvers;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredCertificate;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.store.LineageEditor;
import io.acmectl.store.Lineages;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one certificate and stores it: the step {@code issue} and {@code renew} share, run inside the
 * lineage's lock (it is handed the lineage's editor). The certificate in {@code live/} changes only
 * once the CA's certificate has been checked against our key and the names asked; before finalize
 * the order and its key are noted ({@link PendingOrder}), so a run stopped after the CA issued is
 * completed by the next one, which fetches that certificate instead of ordering again. The one
 * place an order is placed, so the one place its {@link OrderGuard} is asked first and told after.
 */
public final class CertificateObtainer {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateObtainer.class);

    private final Lineages lineages;
    private final AccountFlow accounts;
    private final OrderFlow orders;
    private final OrderGuard guard;
    private final Clock clock;
    private final Progress progress;

    /** {@code progress}: told each order's steps (ordering, validating, finalizing); {@link Progress#NONE}. */
    public CertificateObtainer(Lineages lineages, AccountFlow accounts, OrderFlow orders, OrderGuard guard,
            Clock clock, Progress progress) {
        this.lineages = lineages;
        this.accounts = accounts;
        this.orders = orders;
        this.guard = guard;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * One order. {@code account}: the URL of the account to sign as, or null for the server's account
     * (registered with {@code registration} if there is none); {@code replacing}: the lineage's current
     * certificate, or null; {@code claimReplaces}: name it in the order (an ARI renewal, RFC 9773);
     * {@code dryRun}: store nothing. Made by {@link #issue} and {@link #renew}.
     */
    public record Plan(CertificateName name, CertificateSpec spec, String account, AccountRequest registration,
            StoredCertificate replacing, boolean claimReplaces, boolean dryRun) {
        static Plan issue(CertificateName name, CertificateSpec spec, AccountRequest registration,
                StoredCertificate replacing, boolean dryRun) {
            return new Plan(name, spec, null, registration, replacing, false, dryRun);
        }

        /**
         * A renewal signs as the account that ordered the lineage, unless --account names another or
         * the certificate moves to another CA (or a dry run's staging twin); it claims to replace the
         * old certificate (RFC 9773) only at the same CA, when the CA offers ARI, and not in a dry run.
         */
        static Plan renew(StoredCertificate current, CertificateSpec spec, AccountRequest registration,
                boolean dryRun) {
            boolean sameCa = spec.server().equals(current.spec().server());
            String account = registration.selector() != null || !sameCa ? null : current.accountUrl();
            boolean claim = sameCa && !dryRun && current.renewal().hasAriWindow();
            return new Plan(current.name(), spec, account, registration, current, claim, dryRun);
        }
    }

    /**
     * Returns the stored lineage, or in a dry run what would have been stored. A failure is recorded
     * in the lineage's renewal state (shown by {@code certificates}) and thrown.
     */
    public StoredCertificate obtain(Plan plan, Solvers solvers, LineageEditor lineage) {
        try {
            return order(plan, solvers, lineage);
        } catch (Failure.Locked e) {
            throw e; // another run does the work: nothing failed
        } catch (Failure e) {
            LOG.debug("{}: {}", plan.name(), e.getMessage()); // the outcome or the error line says it
            if (!plan.dryRun()) {
                // A rate limit's Retry-After beyond this run is kept: later runs do not ask before it.
                java.time.Instant retryAfter = e instanceof Failure.RateLimited limited
                        ? limited.retryAfter().orElse(null) : null;
                lineage.current().ifPresent(current -> lineage.update(current.withRenewal(
                        current.renewal().withFailure(e.getMessage(), clock.instant(), retryAfter))));
            }
            throw e;
        }
    }

    private StoredCertificate order(Plan plan, Solvers solvers, LineageEditor lineage) {
        CertificateSpec spec = plan.spec();
        guard.checkPolicy(spec.domains());
        if (!plan.dryRun()) {
            Optional<StoredCertificate> resumed = resumed(plan, lineage);
            if (resumed.isPresent()) {
                return resumed.get();
            }
        }
        // The solvers first: a missing webroot or a busy port fails before the CA is contacted.
        solvers.prepare(spec.challenges());
        Signer signer = signerFor(plan);
        LOG.debug("{}: ordering as {}", plan.name(), signer.accountUrl());
        KeyPair key = certificateKey(plan, lineage);
        X509Certificate previous = plan.replacing() == null ? null : lineages.certificate(plan.replacing());
        int version = lineage.current().map(StoredCertificate::version).orElse(0);
        // Noted before finalize, under the lineage's lock: a run stopped once the CA may have issued
        // leaves the order for the next run to fetch, rather than to order again.
        OrderFlow.BeforeFinalize note = plan.dryRun() ? OrderFlow.BeforeFinalize.NOTHING
                : order -> lineage.savePendingOrder(new PendingOrder(order, signer.accountUrl(), spec.server(),
                        spec.domains(), spec.profile(), version, key, clock.instant()));
        List<X509Certificate> chain;
        try {
            chain = counted(plan, signer, new OrderRequest(spec.identifiers(), key, spec.profile(),
                    plan.claimReplaces() ? previous : null, spec.preferredChain()), solvers.responder(spec.challenges()), note).chain();
        } catch (Failure.CaRefused | Failure.BadInput e) {
            if (!plan.dryRun()) {
                lineage.dropPendingOrder(); // the CA said no: the order brings nothing, whatever happens next
            }
            throw e;
        }
        return stored(plan, signer.accountUrl().toString(), key, chain, lineage);
    }

    /**
     * The certificate checked against the key and names, and stored with its deploy still to do, in
     * the same step (a run killed before the hooks finish leaves a mark the next run acts on); then
     * the pending order is forgotten. A certificate refused forgets it too: fetching it again would
     * bring the same.
     */
    private StoredCertificate stored(Plan plan, String account, KeyPair key, List<X509Certificate> chain,
            LineageEditor lineage) {
        X509Certificate leaf = chain.get(0);
        String problem = CertificateCheck.problem(leaf, key, plan.spec().domains());
        if (problem != null) {
            if (!plan.dryRun()) {
                lineage.dropPendingOrder();
            }
            throw new Failure.Aborted("refusing the certificate the CA sent for " + plan.name() + ": " + problem);
        }
        StoredCertificate issued = StoredCertificate.issued(plan.name(), leaf.getSerialNumber().toString(16),
                clock.instant(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), plan.spec(),
                account);
        if (plan.dryRun()) {
            return issued;
        }
        StoredCertificate saved = lineage.save(issued.withRenewal(issued.renewal().withDeployPending(true)), key,
                chain);
        LOG.debug("stored {} version {}", plan.name(), saved.version());
        lineage.dropPendingOrder();
        return saved;
    }

    /**
     * The certificate of the order a stopped run was finalizing, when it is what the plan asks (CA,
     * names, profile, key type) and the lineage has not moved on. Empty when there is none or it brings
     * none (the record dropped): ordered anew. A CA out of reach keeps the record for the next run.
     */
    private Optional<StoredCertificate> resumed(Plan plan, LineageEditor lineage) {
        Optional<PendingOrder> found = lineage.pendingOrder();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PendingOrder pending = found.get();
        int version = lineage.current().map(StoredCertificate::version).orElse(0);
        if (!pending.isFor(plan.spec()) || pending.replacing() != version) {
            LOG.info("{}: not resuming the order {}: it was placed for other settings or version {}", plan.name(),
                    pending.order(), pending.replacing());
            lineage.dropPendingOrder();
            return Optional.empty();
        }
        Signer signer;
        try {
            signer = accounts.signer(pending.server(), pending.account().toString());
        } catch (Failure.BadInput | Failure.CaRefused e) {
            LOG.info("{}: not resuming the order {}: {}", plan.name(), pending.order(), e.getMessage());
            lineage.dropPendingOrder(); // its account is gone from the store or deactivated
            return Optional.empty();
        }
        Optional<OrderFlow.Issued> issued;
        try {
            issued = orders.resume(signer, pending.order(), new OrderRequest(pending.identifiers(), pending.key(),
                    pending.profile(), null, plan.spec().preferredChain()));
        } catch (Failure.CaRefused e) {
            lineage.dropPendingOrder();
            throw e;
        }
        if (issued.isEmpty()) {
            lineage.dropPendingOrder();
            return Optional.empty();
        }
        LOG.info("{}: fetched the certificate of the order {}, which a stopped run placed", plan.name(),
                pending.order());
        guard.resumed(plan.spec(), signer.accountUrl().toString(), plan.replacing());
        return Optional.of(stored(plan, signer.accountUrl().toString(), pending.key(), issued.get().chain(),
                lineage));
    }

    /**
     * The order, let through by the guard (which counts it) or refused before it reaches the CA; then
     * the certificate it brought is counted (and the order again without {@code replaces}, when the CA
     * refused the claim), or, when the CA refused the order, the names whose authorizations were
     * answered (the order flow asks the responder only for pending ones).
     */
    private OrderFlow.Issued counted(Plan plan, Signer signer, OrderRequest request, Responder responder,
            OrderFlow.BeforeFinalize note) {
        OrderGuard.Ticket ticket = guard.admit(plan.spec(), signer.accountUrl().toString(), plan.claimReplaces(),
                plan.replacing());
        OrderSteps steps = new OrderSteps(progress, plan.name());
        try {
            OrderFlow.Issued issued = orders.order(signer, request, steps.answering(responder), steps.finalizing(note));
            guard.issued(ticket, issued.replacesDropped() != null);
            return issued;
        } catch (Failure.CaRefused e) {
            guard.failedValidations(ticket, steps.answered());
            throw e;
        }
    }

    private Signer signerFor(Plan plan) {
        return plan.account() != null ? accounts.signer(plan.spec().server(), plan.account())
                : accounts.signer(plan.spec().server(), plan.registration());
    }

    private static KeyPair certificateKey(Plan plan, LineageEditor lineage) {
        KeyType type = plan.spec().key().type();
        if (plan.spec().key().reuse() && plan.replacing() != null) {
            KeyPair current = lineage.key(plan.replacing());
            if (KeyType.of(current.getPublic()) == type) {
                return current;
            }
        }
        return type.generate();
    }
}
