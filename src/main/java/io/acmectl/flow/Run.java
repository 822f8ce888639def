package io.acmectl.flow;

import io.acmectl.challenge.Solvers;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.Verify;
import io.acmectl.hooks.HookFailure;
import io.acmectl.hooks.HookRunner;
import io.acmectl.hooks.HookStage;
import io.acmectl.store.LineageEditor;
import io.acmectl.store.LiveFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the certificates of one run share: the challenge solvers (one listener for all that answer
 * on the same port), which hooks have run, and what to tell the post hooks. Thread-safe: a run's
 * certificates are worked on in parallel.
 */
public final class Run implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Run.class);

    private final Solvers solvers;
    private final HookRunner hooks;
    private final DeployCheck deployCheck;
    private Duration spreadUpTo;
    private final Set<String> preHooksRun = new LinkedHashSet<>();
    private final Set<String> postHooks = new LinkedHashSet<>();
    private final List<String> renewedDomains = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failedDomains = Collections.synchronizedList(new ArrayList<>());
    private final List<HookFailure> hookFailures = Collections.synchronizedList(new ArrayList<>());

    Run(Solvers solvers, HookRunner hooks, DeployCheck deployCheck, Duration spreadUpTo) {
        this.solvers = solvers;
        this.hooks = hooks;
        this.deployCheck = deployCheck;
        this.spreadUpTo = spreadUpTo;
    }

    /** Obtains one certificate with this run's solvers, noting its names for the post hooks if it fails. */
    StoredCertificate obtain(CertificateObtainer obtainer, CertificateObtainer.Plan plan, LineageEditor lineage) {
        try {
            return obtainer.obtain(plan, solvers, lineage);
        } catch (Failure.Locked e) {
            throw e;
        } catch (Failure e) {
            failedDomains.addAll(plan.spec().domains());
            throw e;
        }
    }

    /** Each distinct pre hook once per run, before the first order that needs it; its post hooks are kept for the end. */
    synchronized void beforeOrder(Hooks all) {
        spreadOnce();
        List<String> fresh = all.pre().stream().filter(preHooksRun::add).toList();
        hookFailures.addAll(hooks.run(HookStage.PRE, fresh, Map.of()));
        postHooks.addAll(all.post());
    }

    /**
     * certbot's habit for cron runs: a fleet's hosts should not reach the CA at the same second. Only
     * before the first order, so a run with nothing due ends at once; the other certificates wait
     * for it on this monitor.
     */
    private void spreadOnce() {
        if (spreadUpTo.isZero()) {
            return;
        }
        long millis = ThreadLocalRandom.current().nextLong(spreadUpTo.toMillis() + 1);
        spreadUpTo = Duration.ZERO;
        LOG.info("waiting {} s before the first order, so a fleet's renewals do not reach the CA at once "
                + "(--no-random-sleep to skip)", millis / 1000);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted", e);
        }
    }

    /**
     * A certificate was obtained: its names go to the post hooks; unless in a dry run (which stores
     * nothing and runs no hook) its deploy hooks run now, with what changed in their environment, and
     * then its mark of a deploy still to do is cleared (whether a hook failed or not: a failure is
     * reported, and running it again on every run would not mend it).
     */
    void obtained(StoredCertificate certificate, boolean dryRun, LiveFiles live, Hooks all, LineageEditor lineage) {
        renewedDomains.addAll(certificate.domains());
        if (!dryRun) {
            redeploy(certificate, live, all, lineage);
        }
    }

    /**
     * The certificate's deploy check, once its deploy hooks ran: unless in a dry run (which deployed
     * nothing), a certificate with {@code verify} is {@link CertificateOutcome.Unverified} unless the
     * server now presents it.
     */
    CertificateOutcome checked(CertificateOutcome.Obtained obtained) {
        Verify verify = obtained.certificate().spec().verify();
        if (obtained.dryRun() || verify == null) {
            return obtained;
        }
        DeployCheck.Finding finding = deployCheck.check(verify, obtained.certificate());
        return finding.passed() ? obtained : new CertificateOutcome.Unverified(obtained.name(), obtained, finding);
    }

    /** The deploy hooks of a stored certificate, and the mark cleared; nothing counts as renewed. */
    void redeploy(StoredCertificate certificate, LiveFiles live, Hooks all, LineageEditor lineage) {
        hookFailures.addAll(hooks.run(HookStage.DEPLOY, all.deploy(), DeployEnvironment.of(certificate, live)));
        if (certificate.renewal().isDeployPending()) {
            lineage.update(certificate.withRenewal(certificate.renewal().withDeployPending(false)));
        }
    }

    /** The post hooks, once, whatever happened to the certificates: a pre hook that stopped nginx is undone. */
    synchronized void runPostHooks() {
        if (postHooks.isEmpty()) {
            return;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RENEWED_DOMAINS", String.join(" ", renewedDomains));
        env.put("FAILED_DOMAINS", String.join(" ", failedDomains));
        hookFailures.addAll(hooks.run(HookStage.POST, new ArrayList<>(postHooks), env));
        postHooks.clear();
    }

    List<HookFailure> hookFailures() {
        return List.copyOf(hookFailures);
    }

    @Override
    public void close() {
        solvers.close();
    }
}
