package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.DomainName;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.Identifier;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.hooks.HookFailure;
import io.acmectl.store.LineageEditor;
import io.acmectl.store.Store;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code issue}: gets a certificate unless a valid one with the same names and key type exists;
 * {@code issue --all}: the same for every certificate of the want list, as a batch.
 */
public final class IssueFlow {
    private final Store store;
    private final CertificateObtainer obtainer;
    private final BatchRunner batches;
    private final Clock clock;

    public IssueFlow(Store store, CertificateObtainer obtainer, BatchRunner batches, Clock clock) {
        this.store = store;
        this.obtainer = obtainer;
        this.batches = batches;
        this.clock = clock;
    }

    /** One certificate from the command line; {@code name} may be null (the first domain names it). */
    public record Request(CertificateName name, CertificateSpec spec, AccountRequest account, boolean force) {}

    /** {@link CertificateOutcome.Obtained} or {@link CertificateOutcome.Unchanged}, and the deploy hooks that failed. */
    public record Result(CertificateOutcome outcome, List<HookFailure> hookFailures) {}

    /** Issues one certificate and runs its deploy hooks; a failure to obtain it is thrown. */
    public Result issue(Request request) {
        CertificateSpec spec = normalized(request.spec());
        CertificateName name = request.name() != null ? request.name() : CertificateName.defaultFor(spec.domains().get(0));
        store.open();
        try (Run run = batches.openRun()) {
            CertificateOutcome outcome;
            try {
                outcome = issueOne(name, spec, request.account(), request.force(), Hooks.NONE, run);
            } finally {
                run.runPostHooks();
            }
            return new Result(outcome, run.hookFailures());
        }
    }

    /** Gets every wanted certificate that is missing, or whose names or key type changed. */
    public BatchResult issueAll(WantList wantList, int parallel, boolean force) {
        store.open();
        List<CertificateName> names = wantList.certificates().stream().map(WantList.Wanted::name).toList();
        return batches.run(names, parallel, (name, run) -> {
            WantList.Wanted wanted = wantList.certificates().stream().filter(w -> w.name().equals(name))
                    .findFirst().orElseThrow();
            return issueOne(name, wanted.spec(), AccountRequest.of(wanted.emails(), wanted.agreeTos()), force,
                    wantList.hooks(), run);
        });
    }

    private CertificateOutcome issueOne(CertificateName name, CertificateSpec spec, AccountRequest account,
            boolean force, Hooks global, Run run) {
        return store.lineages().edit(name, lineage -> {
            Optional<StoredCertificate> current = lineage.current();
            if (!force && current.isPresent() && satisfies(current.get(), spec)) {
                return new CertificateOutcome.Unchanged(name, current.get());
            }
            Hooks all = global.then(spec.hooks());
            run.beforeOrder(all);
            StoredCertificate replacing = current.filter(c -> !c.isRevoked()).orElse(null);
            return obtain(CertificateObtainer.Plan.issue(name, spec, account, replacing), lineage, all, run);
        });
    }

    private CertificateOutcome obtain(CertificateObtainer.Plan plan, LineageEditor lineage, Hooks all, Run run) {
        StoredCertificate issued = run.obtain(obtainer, plan, lineage);
        run.deployed(issued, store.lineages().live(plan.name()), all);
        return new CertificateOutcome.Obtained(plan.name(), CertificateOutcome.Obtained.Kind.ISSUED, issued,
                store.lineages().live(plan.name()), false);
    }

    /** A stored certificate is good enough when it is valid and has the names and key type asked for. */
    boolean satisfies(StoredCertificate current, CertificateSpec wanted) {
        return !current.isRevoked()
                && new HashSet<>(current.domains()).equals(new HashSet<>(wanted.domains()))
                && current.spec().key().type() == wanted.key().type()
                && current.notAfter() != null && current.notAfter().isAfter(clock.instant());
    }

    /** The names as typed, normalised, each one provable by the challenge chosen for it. */
    private static CertificateSpec normalized(CertificateSpec spec) {
        List<String> domains = DomainName.normalizeAll(spec.domains());
        if (domains.isEmpty()) {
            throw new Failure.BadInput("name at least one domain to issue a certificate for");
        }
        for (String domain : domains) {
            spec.challenges().refusal(Identifier.dns(domain)).ifPresent(why -> {
                throw new Failure.BadInput(why);
            });
        }
        return spec.toBuilder().domains(domains).build();
    }
}
