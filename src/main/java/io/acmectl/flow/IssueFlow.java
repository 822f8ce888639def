package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.Identifier;
import io.acmectl.core.Identifiers;
import io.acmectl.core.KeySpec;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.hooks.HookFailure;
import io.acmectl.store.LineageEditor;
import io.acmectl.store.Store;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code issue}: gets a certificate unless a valid one with the same names, key type, CA and profile
 * exists; {@code issue --all}: the same for every certificate of the want list, as a batch.
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

    /** The settings a command line may leave out; those it leaves out stay as the lineage has them. */
    public enum Setting { KEY_TYPE, REUSE_KEY, PROFILE, DEPLOY_HOOKS, PREFERRED_CHAIN }

    /**
     * One certificate from the command line. {@code name} may be null: then the lineage with the same
     * names is found (in any order), else the first name names a new one. {@code given}: the settings
     * the user typed. {@code dryRun}: against the CA's staging twin, nothing stored, no hook run.
     */
    public record Request(CertificateName name, CertificateSpec spec, Set<Setting> given, AccountRequest account,
            boolean force, boolean dryRun) {}

    /** {@link CertificateOutcome.Obtained} or {@link CertificateOutcome.Unchanged}, and the deploy hooks that failed. */
    public record Result(CertificateOutcome outcome, List<HookFailure> hookFailures) {}

    /** Issues one certificate and runs its deploy hooks; a failure to obtain it is thrown. */
    public Result issue(Request request) {
        CertificateSpec asked = normalized(request.spec());
        CertificateName name = request.name() != null ? request.name() : lineageFor(asked.domains());
        store.open();
        try (Run run = batches.openRun()) {
            CertificateOutcome outcome;
            try {
                outcome = store.lineages().edit(name, lineage -> {
                    CertificateSpec spec = keepUnsaid(asked, request.given(), lineage.current());
                    return issueOne(lineage, name, request.dryRun() ? forDryRun(spec) : spec, request.account(),
                            request.force() || request.dryRun(), request.dryRun(), Hooks.NONE, run);
                });
            } finally {
                run.runPostHooks();
            }
            return new Result(outcome, run.hookFailures());
        }
    }

    /**
     * Gets every wanted certificate that is missing, or whose names, key type, CA or profile changed.
     * {@code commandLine}: the account options typed with it, which complete each entry's own.
     */
    public BatchResult issueAll(WantList wantList, int parallel, boolean force, AccountRequest commandLine) {
        store.open();
        List<CertificateName> names = wantList.certificates().stream().map(WantList.Wanted::name).toList();
        return batches.run(names, parallel, (name, run) -> {
            WantList.Wanted wanted = wantList.certificates().stream().filter(w -> w.name().equals(name))
                    .findFirst().orElseThrow();
            AccountRequest account = AccountRequest.of(wanted.emails(), wanted.agreeTos()).orElse(commandLine);
            return store.lineages().edit(name, lineage -> issueOne(lineage, name, wanted.spec(), account, force,
                    false, wantList.hooks(), run));
        });
    }

    private CertificateOutcome issueOne(LineageEditor lineage, CertificateName name, CertificateSpec wanted,
            AccountRequest account, boolean force, boolean dryRun, Hooks global, Run run) {
        CertificateSpec spec = IpProfileRule.apply(wanted); // what the want list or the lineage left unsaid too
        Optional<StoredCertificate> current = lineage.current();
        if (current.isPresent() && current.get().renewal().isDeployPending() && !dryRun) {
            // An earlier run stored it but was stopped before its deploy hooks finished.
            run.redeploy(current.get(), store.lineages().live(name), global.then(current.get().spec().hooks()),
                    lineage);
            current = lineage.current();
        }
        if (!force && current.isPresent() && satisfies(current.get(), spec)) {
            return new CertificateOutcome.Unchanged(name, current.get());
        }
        Hooks all = dryRun ? Hooks.NONE : global.then(spec.hooks());
        run.beforeOrder(all);
        StoredCertificate replacing = current.filter(c -> !c.isRevoked()).orElse(null);
        StoredCertificate issued = run.obtain(obtainer, CertificateObtainer.Plan.issue(name, spec, account, replacing,
                dryRun), lineage);
        run.obtained(issued, dryRun, store.lineages().live(name), all, lineage);
        return run.checked(new CertificateOutcome.Obtained(name, CertificateOutcome.Obtained.Kind.ISSUED, issued,
                store.lineages().live(name), dryRun));
    }

    /** A stored certificate is good enough when it is valid and is what was asked for, from the CA asked. */
    boolean satisfies(StoredCertificate current, CertificateSpec wanted) {
        CertificateSpec stored = current.spec();
        return !current.isRevoked()
                && new HashSet<>(current.domains()).equals(new HashSet<>(wanted.domains()))
                && stored.key().type() == wanted.key().type()
                && stored.server().equals(wanted.server())
                && Objects.equals(stored.profile(), wanted.profile())
                && current.notAfter() != null && current.notAfter().isAfter(clock.instant());
    }

    /** What the command line did not say stays as the lineage has it: a later --force never drops a hook. */
    private static CertificateSpec keepUnsaid(CertificateSpec asked, Set<Setting> given,
            Optional<StoredCertificate> current) {
        if (current.isEmpty()) {
            return asked;
        }
        CertificateSpec stored = current.get().spec();
        // The command line has no deploy check: the lineage's stays.
        CertificateSpec.Builder merged = asked.toBuilder().renewBefore(stored.renewBefore()).verify(stored.verify())
                .key(new KeySpec(
                        given.contains(Setting.KEY_TYPE) ? asked.key().type() : stored.key().type(),
                        given.contains(Setting.REUSE_KEY) ? asked.key().reuse() : stored.key().reuse()));
        if (!given.contains(Setting.PROFILE)) {
            merged.profile(stored.profile());
        }
        if (!given.contains(Setting.DEPLOY_HOOKS)) {
            merged.hooks(stored.hooks());
        }
        if (!given.contains(Setting.PREFERRED_CHAIN)) {
            merged.preferredChain(stored.preferredChain());
        }
        return merged.build();
    }

    /** A dry run goes to the staging twin of a public CA (certbot's habit) and never stores a hook. */
    private static CertificateSpec forDryRun(CertificateSpec spec) {
        return spec.toBuilder().server(spec.server().forDryRun()).build();
    }

    /**
     * The lineage that already covers exactly these names, whatever it is called and in whatever order
     * they were given: a second lineage for the same names would burn the CA's duplicate limit.
     */
    private CertificateName lineageFor(List<String> domains) {
        Set<String> asked = new HashSet<>(domains);
        for (CertificateName name : store.lineages().names()) {
            Optional<StoredCertificate> lineage = store.lineages().find(name);
            if (lineage.isPresent() && new HashSet<>(lineage.get().domains()).equals(asked)) {
                return name;
            }
        }
        return CertificateName.defaultFor(domains.get(0));
    }

    /** The names as typed, normalised, each one provable by the challenge chosen for it. */
    private static CertificateSpec normalized(CertificateSpec spec) {
        List<Identifier> identifiers = Identifiers.parseAll(spec.domains());
        if (identifiers.isEmpty()) {
            throw new Failure.BadInput("name at least one domain to issue a certificate for");
        }
        for (Identifier identifier : identifiers) {
            spec.challenges().refusal(identifier).ifPresent(why -> {
                throw new Failure.BadInput(why);
            });
        }
        // checked here too, before the store or the CA is touched: a refusal costs nothing
        return IpProfileRule.apply(spec.toBuilder().domains(identifiers.stream().map(Identifier::value).toList())
                .build());
    }
}
