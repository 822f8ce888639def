package io.acmectl.service;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.acme.AcmeFailures;
import io.acmectl.acme.CaServer;
import io.acmectl.acme.OrderFlow;
import io.acmectl.challenge.ChallengeSolver;
import io.acmectl.challenge.SolverRegistry;
import io.acmectl.config.CertificateSettings;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.crypto.KeyType;
import io.acmectl.store.Store;
import io.acmectl.store.StoredCertificate;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one certificate and stores it: the step {@code issue} and {@code renew} share. The caller
 * holds the lineage's lock. Nothing in the store changes until the CA's certificate has been
 * checked against our key and the names asked.
 */
public final class Issuer {
    private static final Logger LOG = LoggerFactory.getLogger(Issuer.class);

    private final Store store;
    private final AccountService accounts;
    private final OrderFlow orders;
    private final Clock clock;

    public Issuer(Store store, AccountService accounts, OrderFlow orders, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.orders = orders;
        this.clock = clock;
    }

    /** One order: the settings, how to register if needed, and what it replaces (null for a first issuance). */
    public record Plan(String name, CertificateSettings settings, AccountService.Registration registration,
            StoredCertificate replacing, boolean claimReplaces, boolean dryRun) {}

    /** Returns the stored lineage, or in a dry run what would have been stored. */
    public StoredCertificate obtain(Plan plan, SolverRegistry solvers) {
        CertificateSettings settings = plan.settings();
        CaServer server = CaServer.resolve(settings.server());
        // The solver first: a missing webroot or a busy port fails before the CA is contacted.
        ChallengeSolver solver = solvers.solverFor(settings.challenge());
        Login login = settings.account() != null && plan.replacing() != null
                ? accounts.login(server, settings.account())
                : accounts.login(server, plan.registration());
        LOG.debug("{}: ordering as {}", plan.name(), login.getAccountLocation());
        KeyPair key = certificateKey(plan);
        X509Certificate previous = plan.replacing() == null ? null
                : store.certificates().readCertificate(plan.replacing());
        List<X509Certificate> chain;
        try {
            chain = orders.obtain(login, settings.domains(), key, solver, settings.profile(),
                    plan.claimReplaces() ? previous : null);
        } catch (AcmeNotSupportedException e) {
            throw new AcmectlException(ExitCode.USAGE, "the CA at " + server.directory() + " does not support "
                    + e.getMessage() + " (certificate " + plan.name() + ")", e);
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, server, "ordering " + plan.name() + " ("
                    + String.join(", ", settings.domains()) + ")");
        }
        X509Certificate leaf = chain.get(0);
        String problem = CertificateCheck.problem(leaf, key, settings.domains());
        if (problem != null) {
            throw new AcmectlException(ExitCode.FAILED, "refusing the certificate the CA sent for " + plan.name()
                    + ": " + problem);
        }
        StoredCertificate issued = StoredCertificate.issued(plan.name(), leaf.getSerialNumber().toString(16),
                clock.instant(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                settings.withAccount(login.getAccountLocation().toString()));
        if (plan.dryRun()) {
            return issued;
        }
        StoredCertificate saved = store.certificates().save(issued, key, chain);
        LOG.debug("stored {} version {}", plan.name(), saved.version());
        return saved;
    }

    private KeyPair certificateKey(Plan plan) {
        KeyType type = KeyType.parse(plan.settings().key().type());
        if (plan.settings().key().reuse() && plan.replacing() != null) {
            KeyPair current = store.certificates().readKey(plan.replacing());
            if (KeyType.of(current.getPublic()) == type) {
                return current;
            }
        }
        return type.generate();
    }
}
