package io.acmectl.flow;

import io.acmectl.acme.AriClient;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.Quote;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.renewal.RenewalCheck;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.store.LineageEditor;
import io.acmectl.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code renew}: renews what is due, many certificates in one run, each under its own lock, so that
 * overlapping runs never order the same certificate twice. A failure never touches what is installed.
 */
public final class RenewFlow {
    private final Store store;
    private final CertificateObtainer obtainer;
    private final AriRefresh ari;
    private final RenewalCheck check;
    private final BatchRunner batches;
    private final Clock clock;

    public RenewFlow(Store store, CertificateObtainer obtainer, AccountFlow accounts, AriClient ari,
            BatchRunner batches, Clock clock) {
        this.store = store;
        this.obtainer = obtainer;
        this.ari = new AriRefresh(store.lineages(), accounts, ari, clock);
        this.check = new RenewalCheck();
        this.batches = batches;
        this.clock = clock;
    }

    /**
     * {@code names} empty means every stored certificate; {@code wantList} may be null. {@code dryRun}:
     * every selected certificate, due or not, against the CA's staging twin, nothing stored, no hook,
     * no {@code replaces}. {@code commandLine}: the account options typed ({@code --account}).
     * {@code spreadUpTo}: a random wait of up to this long before the first order (zero: none).
     */
    public record Request(List<CertificateName> names, boolean force, boolean dryRun, int parallel,
            WantList wantList, AccountRequest commandLine, Duration spreadUpTo) {}

    public BatchResult renew(Request request) {
        if (!store.exists()) {
            // A mistyped --config-dir must not look like a healthy store with nothing due.
            throw new Failure.BadInput("there is no acmectl store at " + store.root() + ": check --config-dir "
                    + "(register and issue create one)");
        }
        store.open();
        List<CertificateName> names = request.names().isEmpty() ? store.lineages().names() : request.names();
        // Only names typed need looking up: the store's own names exist, and each record is read under its
        // lock in the batch anyway (reading all of them first too cost a no-op run over 1,000 7% of its instructions).
        for (CertificateName name : request.names()) {
            if (store.lineages().find(name).isEmpty()) {
                throw new Failure.BadInput("no certificate named '" + name + "' in " + store.root());
            }
        }
        names = withoutInvalidEntries(names, request);
        Map<CertificateName, WantList.Wanted> wanted = new LinkedHashMap<>();
        if (request.wantList() != null) {
            request.wantList().certificates().forEach(w -> wanted.put(w.name(), w));
        }
        Hooks global = request.wantList() == null ? Hooks.NONE : request.wantList().hooks();
        NotDueMemos memos = NotDueMemos.of(store, clock, request);
        BatchResult result = batches.run(names, request.parallel(), request.spreadUpTo(), (name, run) -> memos.recall(
                name, wanted.get(name)).orElseGet(() -> store.lineages().edit(name,
                        lineage -> renewOne(lineage, wanted.get(name), request, global, run, memos))));
        memos.save();
        return result;
    }

    private CertificateOutcome renewOne(LineageEditor lineage, WantList.Wanted wanted, Request request, Hooks global,
            Run run, NotDueMemos memos) {
        // Read under the lock: a run that held it a moment ago may just have renewed it.
        StoredCertificate current = lineage.current().orElseThrow();
        if (current.isRevoked() && !request.force()) {
            return notDue(current, wanted, check.decide(current, clock.instant()), memos);
        }
        CertificateSpec spec = operational(current.spec(), wanted);
        boolean redeployed = current.renewal().isDeployPending() && !request.dryRun();
        if (redeployed) {
            current = redeploy(current, global.then(spec.hooks()), lineage, run);
        }
        boolean moved = !spec.server().equals(current.spec().server()); // from the CA the want list names now
        if (!request.dryRun() && !moved) {
            if (!current.renewal().mustWait(clock.instant()) || request.force()) {
                current = ari.refresh(current, lineage);
            }
            RenewalDecision decision = check.decide(current, clock.instant());
            if (!decision.due() && !request.force()) {
                return redeployed ? new CertificateOutcome.Redeployed(current.name(), current)
                        : notDue(current, wanted, decision, memos);
            }
        }
        if (request.dryRun()) {
            spec = spec.toBuilder().server(spec.server().forDryRun()).build();
        }
        Hooks all = request.dryRun() ? Hooks.NONE : global.then(spec.hooks());
        run.beforeOrder(all);
        StoredCertificate renewed = run.obtain(obtainer, CertificateObtainer.Plan.renew(current, spec,
                registration(wanted, request, !spec.server().equals(current.spec().server())), request.dryRun()),
                lineage);
        run.obtained(renewed, request.dryRun(), store.lineages().live(current.name()), all, lineage);
        return run.checked(new CertificateOutcome.Obtained(current.name(), CertificateOutcome.Obtained.Kind.RENEWED,
                renewed, store.lineages().live(current.name()), request.dryRun()));
    }

    /** Under the lineage's lock: what the next run may answer for it without looking. */
    private CertificateOutcome notDue(StoredCertificate current, WantList.Wanted wanted, RenewalDecision decision,
            NotDueMemos memos) {
        memos.remember(current, wanted, decision);
        return new CertificateOutcome.NotDue(current.name(), decision);
    }

    /**
     * A certificate whose want-list entry is invalid is not renewed: the settings its admin means are
     * unknown, and the stored ones may be those just changed. Named, it stops the run (like an unknown
     * name); in a run over all, it is left out, and the caller reports the entry as failed.
     */
    private static List<CertificateName> withoutInvalidEntries(List<CertificateName> names, Request request) {
        List<WantList.Rejected> invalid = request.wantList() == null ? List.of() : request.wantList().rejected(names);
        if (invalid.isEmpty()) {
            return names;
        }
        if (!request.names().isEmpty()) {
            WantList.Rejected first = invalid.get(0);
            int more = first.errors().size() - 1;
            throw new Failure.BadInput("certificate " + Quote.of(first.name()) + " is not renewed: its want-list "
                    + "entry is invalid (" + first.errors().get(0) + (more > 0 ? ", and " + more + " more" : "")
                    + "): fix it, or take the entry out to renew with the stored settings");
        }
        Set<String> left = invalid.stream().map(WantList.Rejected::name).collect(Collectors.toSet());
        return names.stream().filter(name -> !left.contains(name.value())).toList();
    }

    /** An earlier run stored this version but was stopped before its deploy hooks finished: they run now. */
    private StoredCertificate redeploy(StoredCertificate current, Hooks all, LineageEditor lineage, Run run) {
        run.redeploy(current, store.lineages().live(current.name()), all, lineage);
        return lineage.current().orElseThrow();
    }

    /**
     * How to register at a CA that has no account of ours yet. A dry run's staging twin gets the terms
     * agreed: its account agreed to the very same terms at the production CA.
     */
    private static AccountRequest registration(WantList.Wanted wanted, Request request, boolean stagingTwin) {
        AccountRequest own = wanted == null ? AccountRequest.of(List.of(), false)
                : AccountRequest.of(wanted.emails(), wanted.agreeTos());
        AccountRequest completed = own.orElse(request.commandLine());
        return request.dryRun() && stagingTwin ? completed.orElse(AccountRequest.of(List.of(), true)) : completed;
    }

    /**
     * The stored names, key and profile stay; the want list may move the CA, the challenge, the hooks,
     * the deploy check, the preferred chain and the timing.
     */
    private static CertificateSpec operational(CertificateSpec stored, WantList.Wanted wanted) {
        if (wanted == null) {
            return stored;
        }
        CertificateSpec want = wanted.spec();
        return stored.toBuilder().server(want.server()).challenges(want.challenges()).renewBefore(want.renewBefore())
                .hooks(want.hooks()).verify(want.verify()).preferredChain(want.preferredChain()).build();
    }
}
