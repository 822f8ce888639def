package io.acmectl.service;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.acme.AcmeFailures;
import io.acmectl.acme.OrderFlow;
import io.acmectl.challenge.ChallengeSolver;
import io.acmectl.challenge.ChallengeSolvers;
import io.acmectl.config.DomainName;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.store.Store;
import io.acmectl.store.StoreLock;
import io.acmectl.store.StoredCertificate;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code acmectl issue}: gets a certificate for a set of names unless a valid one exists already.
 * Nothing in the store changes until the CA's certificate has been checked against our key and names.
 */
public final class IssueService {
    private static final Logger LOG = LoggerFactory.getLogger(IssueService.class);
    private final Store store;
    private final AccountService accounts;
    private final OrderFlow orders;
    private final Clock clock;

    public IssueService(Store store, AccountService accounts, OrderFlow orders, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.orders = orders;
        this.clock = clock;
    }

    public enum Outcome { ISSUED, UNCHANGED }

    public record Result(Outcome outcome, StoredCertificate certificate) {}

    public Result issue(CertificateRequest request) {
        List<String> domains = DomainName.normalizeAll(request.domains());
        if (domains.isEmpty()) {
            throw AcmectlException.usage("name at least one domain to issue a certificate for");
        }
        String name = io.acmectl.store.CertificateStore.checkName(
                request.certName() != null ? request.certName() : domains.get(0).replaceFirst("^\\*\\.", ""));
        if (domains.stream().anyMatch(DomainName::isWildcard)) {
            throw AcmectlException.usage("wildcard names need the dns-01 challenge, which http-01 cannot answer: "
                    + domains.stream().filter(DomainName::isWildcard).findFirst().orElseThrow());
        }
        store.open();
        try (StoreLock lock = store.tryLockCertificate(name).orElseThrow(() -> new AcmectlException(ExitCode.STORE,
                "certificate " + name + " is being worked on by another acmectl run; try again when it is done"))) {
            Optional<StoredCertificate> current = store.certificates().find(name);
            if (!request.force() && current.isPresent() && stillCovers(current.get(), domains)) {
                return new Result(Outcome.UNCHANGED, current.get());
            }
            return new Result(Outcome.ISSUED, obtainAndStore(request, name, domains));
        } catch (IOException e) {
            throw AcmectlException.store("cannot release the lock of " + name + ": " + e.getMessage(), e);
        }
    }

    private boolean stillCovers(StoredCertificate current, List<String> domains) {
        return !current.isRevoked() && new HashSet<>(current.domains()).equals(new HashSet<>(domains))
                && current.notAfter() != null && current.notAfter().isAfter(clock.instant());
    }

    private StoredCertificate obtainAndStore(CertificateRequest request, String name, List<String> domains) {
        // The solver first: a missing webroot or a busy port fails before the CA is contacted.
        try (ChallengeSolver solver = ChallengeSolvers.open(request.challenge())) {
            Login login = accounts.login(request.server(), request.registration());
            LOG.debug("logged in as {}", login.getAccountLocation());
            KeyPair key = request.keyType().generate();
            List<X509Certificate> chain;
            try {
                chain = orders.obtain(login, domains, key, solver);
            } catch (AcmeException e) {
                throw AcmeFailures.explain(e, request.server(), "issuing a certificate for " + String.join(", ", domains));
            }
            X509Certificate leaf = chain.get(0);
            String problem = CertificateCheck.problem(leaf, key, domains);
            if (problem != null) {
                throw new AcmectlException(ExitCode.FAILED, "refusing the certificate the CA sent for " + name + ": "
                        + problem);
            }
            StoredCertificate metadata = new StoredCertificate(name, request.server().directory().toString(),
                    login.getAccountLocation().toString(), domains, request.keyType().id(), request.challenge(), 0,
                    leaf.getSerialNumber().toString(16), clock.instant(), leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(), null, null);
            StoredCertificate saved = store.certificates().save(metadata, key, chain);
            LOG.debug("stored {} version {}", name, saved.version());
            return saved;
        }
    }
}
