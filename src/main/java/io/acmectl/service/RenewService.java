package io.acmectl.service;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.acme.AcmeFailures;
import io.acmectl.acme.AriClient;
import io.acmectl.acme.CaServer;
import io.acmectl.challenge.SolverRegistry;
import io.acmectl.config.CertificateSettings;
import io.acmectl.config.Hooks;
import io.acmectl.config.WantList;
import io.acmectl.hooks.HookRunner;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.renewal.RenewalPolicy;
import io.acmectl.store.CertificateStore.Part;
import io.acmectl.store.LockedException;
import io.acmectl.store.RenewalState;
import io.acmectl.store.Store;
import io.acmectl.store.StoreLock;
import io.acmectl.store.StoredCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.shredzone.acme4j.exception.AcmeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code renew} and {@code issue --all}: many certificates in one run, up to N at once, each under
 * its own lock, so that overlapping runs never order the same certificate twice. A failure of one
 * certificate never stops the others, and never touches what is installed.
 */
public final class RenewService {
    private static final Logger LOG = LoggerFactory.getLogger(RenewService.class);
    /** A CA without ARI may add it; it is asked again after this long. */
    private static final Duration RECHECK_WITHOUT_ARI = Duration.ofDays(1);

    private final Store store;
    private final Issuer issuer;
    private final IssueService issue;
    private final AccountService accounts;
    private final AriClient ari;
    private final RenewalPolicy policy;
    private final HookRunner hooks;
    private final Clock clock;

    public RenewService(Store store, Issuer issuer, IssueService issue, AccountService accounts, AriClient ari,
            RenewalPolicy policy, HookRunner hooks, Clock clock) {
        this.store = store;
        this.issuer = issuer;
        this.issue = issue;
        this.accounts = accounts;
        this.ari = ari;
        this.policy = policy;
        this.hooks = hooks;
        this.clock = clock;
    }

    /** {@code names} empty means every stored certificate; {@code wantList} may be null. */
    public record Options(List<String> names, boolean force, boolean dryRun, int parallel, WantList wantList) {}

    public enum Kind { ISSUED, RENEWED, UNCHANGED, NOT_DUE, FAILED, SKIPPED_LOCKED }

    public record Outcome(String name, Kind kind, String detail) {}

    public record Summary(List<Outcome> outcomes, List<String> hookFailures) {
        public long count(Kind kind) {
            return outcomes.stream().filter(o -> o.kind() == kind).count();
        }

        /** 1 when anything failed (a hook too), else 3 when a locked certificate was skipped, else 0. */
        public ExitCode exitCode() {
            if (count(Kind.FAILED) > 0 || !hookFailures.isEmpty()) {
                return ExitCode.FAILED;
            }
            return count(Kind.SKIPPED_LOCKED) > 0 ? ExitCode.STORE : ExitCode.OK;
        }

        public String line() {
            return "issued " + count(Kind.ISSUED) + ", renewed " + count(Kind.RENEWED) + ", not due "
                    + (count(Kind.NOT_DUE) + count(Kind.UNCHANGED)) + ", failed " + count(Kind.FAILED)
                    + ", skipped (locked) " + count(Kind.SKIPPED_LOCKED)
                    + (hookFailures.isEmpty() ? "" : ", hook failures " + hookFailures.size());
        }
    }

    public Summary renew(Options options) {
        store.open();
        List<String> names = options.names().isEmpty() ? store.certificates().names() : options.names();
        for (String name : names) {
            if (!store.certificates().exists(name)) {
                throw AcmectlException.usage("no certificate named '" + name + "' in " + store.root());
            }
        }
        Map<String, WantList.Wanted> wanted = byName(options.wantList());
        Hooks global = options.wantList() == null ? Hooks.NONE : options.wantList().hooks();
        return runAll(names, options, (name, run) -> renewOne(name, wanted.get(name), options, global, run));
    }

    /** Gets every wanted certificate that is missing, or whose names or key type changed. */
    public Summary issueAll(WantList wantList, int parallel, boolean force) {
        store.open();
        Options options = new Options(List.of(), force, false, parallel, wantList);
        Map<String, WantList.Wanted> wanted = byName(wantList);
        return runAll(new ArrayList<>(wanted.keySet()), options,
                (name, run) -> issueOne(wanted.get(name), options, wantList.hooks(), run));
    }

    private interface Task {
        Outcome run(String name, Run run);
    }

    /** What the certificates of one run share: the solvers, and which hooks have run. */
    private final class Run {
        final SolverRegistry solvers = new SolverRegistry(store.lockFolder());
        final Set<String> preHooksRun = Collections.synchronizedSet(new LinkedHashSet<>());
        final Set<String> postHooks = Collections.synchronizedSet(new LinkedHashSet<>());
        final List<String> renewedDomains = Collections.synchronizedList(new ArrayList<>());
        final List<String> failedDomains = Collections.synchronizedList(new ArrayList<>());
        final List<String> hookFailures = Collections.synchronizedList(new ArrayList<>());

        /** Each distinct pre hook once per run, before the first order that needs it. */
        synchronized void beforeOrder(Hooks all) {
            List<String> fresh = all.pre().stream().filter(preHooksRun::add).toList();
            hookFailures.addAll(hooks.run("pre", fresh, Map.of()));
            postHooks.addAll(all.post());
        }
    }

    private Summary runAll(List<String> names, Options options, Task task) {
        Run run = new Run();
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallel(),
                Math.max(1, names.size()))));
        try (SolverRegistry solvers = run.solvers) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> task.run(name, run)));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmectlException(ExitCode.FAILED, "interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (!run.postHooks.isEmpty()) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("RENEWED_DOMAINS", String.join(" ", run.renewedDomains));
            env.put("FAILED_DOMAINS", String.join(" ", run.failedDomains));
            run.hookFailures.addAll(hooks.run("post", new ArrayList<>(run.postHooks), env));
        }
        return new Summary(outcomes, List.copyOf(run.hookFailures));
    }

    /** Runs {@code work} holding the certificate's lock; a certificate another run holds is skipped. */
    private Outcome underLock(String name, java.util.function.Supplier<Outcome> work) {
        Optional<StoreLock> lock = store.tryLockCertificate(name);
        if (lock.isEmpty()) {
            return new Outcome(name, Kind.SKIPPED_LOCKED, "another acmectl run is working on it");
        }
        try (StoreLock held = lock.get()) {
            return work.get();
        }
    }

    private Outcome renewOne(String name, WantList.Wanted wanted, Options options, Hooks global, Run run) {
        return underLock(name, () -> {
            // Read under the lock: a run that held it a moment ago may just have renewed it.
            StoredCertificate current = store.certificates().find(name).orElseThrow();
            if (current.isRevoked() && !options.force()) {
                return new Outcome(name, Kind.NOT_DUE, "revoked; issue it again to renew it");
            }
            current = refreshAri(current, options.dryRun());
            RenewalDecision decision = policy.decide(current, clock.instant());
            if (!decision.due() && !options.force()) {
                return new Outcome(name, Kind.NOT_DUE, "due " + decision.dueAt() + " (" + decision.why() + ")");
            }
            CertificateSettings settings = operational(current.settings(), wanted);
            Hooks all = global.then(settings.hooks());
            run.beforeOrder(all);
            boolean ariKnown = current.renewal().ariWindowStart() != null;
            AccountService.Registration registration = wanted == null ? AccountService.Registration.of(List.of(), false)
                    : AccountService.Registration.of(wanted.emails(), wanted.agreeTos());
            return order(name, new Issuer.Plan(name, settings, registration, current, ariKnown, options.dryRun()),
                    all, run, current, Kind.RENEWED);
        });
    }

    private Outcome issueOne(WantList.Wanted wanted, Options options, Hooks global, Run run) {
        String name = wanted.name();
        return underLock(name, () -> {
            Optional<StoredCertificate> current = store.certificates().find(name);
            if (!options.force() && current.isPresent() && issue.satisfies(current.get(), wanted.settings())) {
                return new Outcome(name, Kind.UNCHANGED, "valid until " + current.get().notAfter());
            }
            Hooks all = global.then(wanted.settings().hooks());
            run.beforeOrder(all);
            return order(name, new Issuer.Plan(name, wanted.settings(), AccountService.Registration.of(
                    wanted.emails(), wanted.agreeTos()), current.filter(c -> !c.isRevoked()).orElse(null), false,
                    false), all, run, current.orElse(null), Kind.ISSUED);
        });
    }

    private Outcome order(String name, Issuer.Plan plan, Hooks all, Run run, StoredCertificate previous, Kind kind) {
        StoredCertificate result;
        try {
            result = issuer.obtain(plan, run.solvers);
        } catch (LockedException e) {
            return new Outcome(name, Kind.SKIPPED_LOCKED, e.getMessage());
        } catch (AcmectlException e) {
            LOG.warn("{}: {}", name, e.getMessage());
            run.failedDomains.addAll(plan.settings().domains());
            if (previous != null && !plan.dryRun()) {
                store.certificates().update(previous.withRenewal(previous.renewal().withFailure(e.getMessage(),
                        clock.instant())));
            }
            return new Outcome(name, Kind.FAILED, e.getMessage());
        }
        run.renewedDomains.addAll(result.domains());
        if (!plan.dryRun()) {
            run.hookFailures.addAll(hooks.run("deploy", all.deploy(), deployEnvironment(result)));
        }
        return new Outcome(name, kind, (plan.dryRun() ? "dry run: would be valid until " : "valid until ")
                + result.notAfter());
    }

    /** The stored names, key, profile, server and account stay; the want list may move challenge, hooks and timing. */
    private static CertificateSettings operational(CertificateSettings stored, WantList.Wanted wanted) {
        if (wanted == null) {
            return stored;
        }
        CertificateSettings want = wanted.settings();
        return new CertificateSettings(stored.server(), stored.account(), stored.domains(), stored.key(),
                want.challenge(), stored.profile(), want.renewBefore(), want.hooks());
    }

    /** Asks the CA for its ARI window when the cached one may be stale (the CA's Retry-After). */
    private StoredCertificate refreshAri(StoredCertificate current, boolean dryRun) {
        RenewalState state = current.renewal();
        Instant now = clock.instant();
        if (state.ariNextCheck() != null && now.isBefore(state.ariNextCheck())) {
            return current;
        }
        CaServer server = CaServer.resolve(current.settings().server());
        RenewalState refreshed;
        try {
            Optional<AriClient.Window> window = ari.fetch(accounts.login(server, current.settings().account()),
                    store.certificates().readCertificate(current), now);
            refreshed = window.map(w -> state.withAri(w.start(), w.end(), w.explanation(), w.nextCheck()))
                    .orElseGet(() -> state.withoutAri(now.plus(RECHECK_WITHOUT_ARI)));
        } catch (AcmeException e) {
            LOG.warn("{}: no renewal information: {}", current.name(),
                    AcmeFailures.explain(e, server, "fetching renewal information").getMessage());
            return current;
        } catch (AcmectlException e) {
            LOG.warn("{}: no renewal information: {}", current.name(), e.getMessage());
            return current;
        }
        StoredCertificate updated = current.withRenewal(refreshed);
        if (!dryRun) {
            store.certificates().update(updated);
        }
        return updated;
    }

    private Map<String, String> deployEnvironment(StoredCertificate certificate) {
        String name = certificate.name();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ACMECTL_CERT_NAME", name);
        env.put("ACMECTL_DOMAINS", String.join(" ", certificate.domains()));
        env.put("ACMECTL_LIVE_DIR", store.certificates().liveDirectory(name).toString());
        env.put("ACMECTL_CERT_PATH", store.certificates().livePath(name, Part.CERT).toString());
        env.put("ACMECTL_KEY_PATH", store.certificates().livePath(name, Part.PRIVKEY).toString());
        env.put("ACMECTL_CHAIN_PATH", store.certificates().livePath(name, Part.CHAIN).toString());
        env.put("ACMECTL_FULLCHAIN_PATH", store.certificates().livePath(name, Part.FULLCHAIN).toString());
        env.put("RENEWED_LINEAGE", store.certificates().liveDirectory(name).toString());
        env.put("RENEWED_DOMAINS", String.join(" ", certificate.domains()));
        return env;
    }

    private static Map<String, WantList.Wanted> byName(WantList wantList) {
        Map<String, WantList.Wanted> byName = new LinkedHashMap<>();
        if (wantList != null) {
            wantList.certificates().forEach(w -> byName.put(w.name(), w));
        }
        return byName;
    }

}
