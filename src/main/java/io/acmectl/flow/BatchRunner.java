package io.acmectl.flow;

import io.acmectl.challenge.SolverRegistry;
import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.hooks.HookRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task per certificate, up to N at once. A certificate's failure, even a bug, never stops
 * the others; a certificate another run holds is skipped; and once any pre hook ran, the post hooks
 * run, whatever happened.
 */
public final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private final SolverRegistry solverRegistry;
    private final Path lockFolder;
    private final HookRunner hooks;
    private final DeployCheck deployCheck;
    private final Progress progress;

    public BatchRunner(SolverRegistry solverRegistry, Path lockFolder, HookRunner hooks) {
        this(solverRegistry, lockFolder, hooks, DeployCheck.standard(), Progress.NONE);
    }

    /**
     * {@code deployCheck}: how the certificates with {@code verify} are checked after their deploy hooks;
     * {@code progress}: told which certificates the run takes and what became of each.
     */
    public BatchRunner(SolverRegistry solverRegistry, Path lockFolder, HookRunner hooks, DeployCheck deployCheck,
            Progress progress) {
        this.solverRegistry = solverRegistry;
        this.lockFolder = lockFolder;
        this.hooks = hooks;
        this.deployCheck = deployCheck;
        this.progress = progress;
    }

    /** The work for one certificate within a run. */
    @FunctionalInterface
    public interface Task {
        CertificateOutcome run(CertificateName name, Run run);
    }

    /** A run of its own for a single certificate: the same solvers and hooks, without the pool. */
    Run openRun() {
        return new Run(solverRegistry.open(lockFolder), hooks, deployCheck, Duration.ZERO);
    }

    public BatchResult run(List<CertificateName> names, int parallel, Task task) {
        return run(names, parallel, Duration.ZERO, task);
    }

    /** {@code spreadUpTo}: a random wait of up to this long before the run's first order (none if none is due). */
    public BatchResult run(List<CertificateName> names, int parallel, Duration spreadUpTo, Task task) {
        List<CertificateOutcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, names.size())));
        try (Run run = new Run(solverRegistry.open(lockFolder), hooks, deployCheck, spreadUpTo)) {
            progress.started(names);
            try {
                List<Future<CertificateOutcome>> futures = new ArrayList<>();
                for (CertificateName name : names) {
                    futures.add(pool.submit(() -> reported(guarded(name, run, task))));
                }
                for (Future<CertificateOutcome> future : futures) {
                    outcomes.add(future.get());
                }
            } finally {
                pool.shutdownNow();
                run.runPostHooks();
            }
            return new BatchResult(outcomes, run.hookFailures());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a certificate task escaped its guard", e.getCause());
        }
    }

    private CertificateOutcome reported(CertificateOutcome outcome) {
        progress.done(outcome);
        return outcome;
    }

    private static CertificateOutcome guarded(CertificateName name, Run run, Task task) {
        try {
            return task.run(name, run);
        } catch (Failure.Locked e) {
            return new CertificateOutcome.Skipped(name, e);
        } catch (Failure e) {
            return new CertificateOutcome.Failed(name, e);
        } catch (RuntimeException e) {
            LOG.warn("{}: internal error: {}", name, e.toString());
            LOG.debug("{}: stack trace", name, e);
            return new CertificateOutcome.Failed(name, e);
        }
    }
}
