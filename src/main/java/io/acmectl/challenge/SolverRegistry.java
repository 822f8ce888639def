package io.acmectl.challenge;

import io.acmectl.AcmectlException;
import io.acmectl.store.LockedException;
import io.acmectl.config.ChallengeSettings;
import io.acmectl.store.StoreLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The solvers of one run, shared by the certificates ordered in it: renewals running in parallel
 * that answer through the same port need one listener, not one each. A listener's port is also
 * locked in the store: a second acmectl run waits for its sibling to finish with the port rather
 * than fail on it. That cannot deadlock, since a run holding the port never waits for a certificate
 * lock (it skips a locked certificate). Closing the registry closes and unlocks all.
 */
public final class SolverRegistry implements AutoCloseable {
    private static final Duration PORT_PATIENCE = Duration.ofMinutes(10);

    private final Path lockFolder;
    private final Map<ChallengeSettings, ChallengeSolver> open = new ConcurrentHashMap<>();
    private final List<StoreLock> locks = new CopyOnWriteArrayList<>();

    public SolverRegistry(Path lockFolder) {
        this.lockFolder = lockFolder;
    }

    /** The solver for these settings, opened on first use (a busy port fails here). */
    public ChallengeSolver solverFor(ChallengeSettings settings) {
        return open.computeIfAbsent(settings, this::openLocked);
    }

    private ChallengeSolver openLocked(ChallengeSettings settings) {
        if (!settings.isWebroot()) {
            String port = (settings.address() == null ? "any" : settings.address()) + "-" + settings.port();
            try {
                locks.add(StoreLock.acquire(lockFolder.resolve("http-" + port + ".lock"), PORT_PATIENCE)
                        .orElseThrow(() -> new LockedException("another acmectl run has been "
                                + "answering http-01 on port " + settings.port() + " for " + PORT_PATIENCE.toMinutes()
                                + " minutes")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockedException("interrupted while waiting for port " + settings.port());
            } catch (IOException e) {
                throw AcmectlException.store("cannot lock port " + settings.port() + ": " + e.getMessage(), e);
            }
        }
        return ChallengeSolvers.open(settings);
    }

    @Override
    public void close() {
        open.values().forEach(ChallengeSolver::close);
        open.clear();
        locks.forEach(StoreLock::close);
        locks.clear();
    }
}
