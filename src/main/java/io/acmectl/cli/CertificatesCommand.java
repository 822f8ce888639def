package io.acmectl.cli;

import io.acmectl.renewal.RenewalDecision;
import io.acmectl.renewal.RenewalPolicy;
import io.acmectl.store.StoredCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "certificates", aliases = "list", mixinStandardHelpOptions = true,
        description = "List the stored certificates, when each is due for renewal and why.")
final class CertificatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AcmectlCommand root = AcmectlCommand.of(spec);
        List<StoredCertificate> certificates = root.store().certificates().list();
        Instant now = root.clock().instant();
        RenewalPolicy policy = new RenewalPolicy();
        String format = "%-24s %-40s %-8s %-10s %-20s %5s  %s%n";
        root.out().printf(format, "NAME", "DOMAINS", "KEY", "PROFILE", "NOT AFTER", "DAYS", "NEXT RENEWAL");
        for (StoredCertificate c : certificates) {
            RenewalDecision decision = policy.decide(c, now);
            String next = decision.dueAt() == null ? decision.why()
                    : (decision.due() ? "due now" : decision.dueAt().toString()) + " (" + decision.why() + ")";
            root.out().printf(format, c.name(), String.join(",", c.domains()), c.settings().key().type(),
                    c.settings().profile() == null ? "-" : c.settings().profile(), c.notAfter(),
                    Duration.between(now, c.notAfter()).toDays(), next);
            if (c.renewal().lastFailure() != null) {
                root.out().printf("    last failure %s: %s%n", c.renewal().lastFailureAt(), c.renewal().lastFailure());
            }
        }
        if (certificates.isEmpty()) {
            root.out().println("No certificates in " + root.store().root());
        }
        return 0;
    }
}
