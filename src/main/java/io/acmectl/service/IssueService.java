package io.acmectl.service;

import io.acmectl.AcmectlException;
import io.acmectl.store.CertificateStore;
import io.acmectl.store.LockedException;
import io.acmectl.challenge.SolverRegistry;
import io.acmectl.config.CertificateSettings;
import io.acmectl.config.DomainName;
import io.acmectl.store.Store;
import io.acmectl.store.StoreLock;
import io.acmectl.store.StoredCertificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** {@code acmectl issue}: gets a certificate for a set of names unless a valid one exists already. */
public final class IssueService {
    private final Store store;
    private final Issuer issuer;
    private final Clock clock;

    public IssueService(Store store, Issuer issuer, Clock clock) {
        this.store = store;
        this.issuer = issuer;
        this.clock = clock;
    }

    public enum Outcome { ISSUED, UNCHANGED }

    public record Result(Outcome outcome, StoredCertificate certificate) {}

    /** {@code settings.domains()} as typed; they are validated here. {@code name} may be null. */
    public Result issue(String name, CertificateSettings settings, AccountService.Registration registration,
            boolean force) {
        List<String> domains = DomainName.normalizeAll(settings.domains());
        if (domains.isEmpty()) {
            throw AcmectlException.usage("name at least one domain to issue a certificate for");
        }
        if (domains.stream().anyMatch(DomainName::isWildcard)) {
            throw AcmectlException.usage("wildcard names need the dns-01 challenge, which http-01 cannot answer: "
                    + domains.stream().filter(DomainName::isWildcard).findFirst().orElseThrow());
        }
        // Without --cert-name, certbot's choice: the first name, less a wildcard's "*.".
        String lineage = CertificateStore.checkName(name != null ? name : domains.get(0).replaceFirst("^\\*\\.", ""));
        CertificateSettings wanted = new CertificateSettings(settings.server(), null, domains, settings.key(),
                settings.challenge(), settings.profile(), settings.renewBefore(), settings.hooks());
        store.open();
        try (StoreLock lock = store.tryLockCertificate(lineage).orElseThrow(() -> new LockedException(
                "certificate " + lineage + " is being worked on by another acmectl run; try again when it is done"))) {
            Optional<StoredCertificate> current = store.certificates().find(lineage);
            if (!force && current.isPresent() && satisfies(current.get(), wanted)) {
                return new Result(Outcome.UNCHANGED, current.get());
            }
            try (SolverRegistry solvers = new SolverRegistry(store.lockFolder())) {
                return new Result(Outcome.ISSUED, issuer.obtain(new Issuer.Plan(lineage, wanted, registration,
                        current.filter(c -> !c.isRevoked()).orElse(null), false, false), solvers));
            }
        }
    }

    /** A stored certificate is good enough when it is valid and has the names and key type asked for. */
    public boolean satisfies(StoredCertificate current, CertificateSettings wanted) {
        return !current.isRevoked()
                && new HashSet<>(current.domains()).equals(new HashSet<>(wanted.domains()))
                && current.settings().key().type().equals(wanted.key().type())
                && current.notAfter() != null && current.notAfter().isAfter(clock.instant());
    }
}
