package io.acmectl.challenge;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.config.ChallengeSettings;
import io.acmectl.store.StoreLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The solvers of one run, shared by the certificates ordered in it: renewals running in parallel
 * that answer through the same port need one listener, not one each. A listener's port is also
 * locked in the store, so that a second acmectl run finds it taken by a sibling (and skips those
 * certificates as locked) rather than by a stranger. Closing the registry closes and unlocks all.
 */
public final class SolverRegistry implements AutoCloseable {
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
                locks.add(StoreLock.tryAcquire(lockFolder.resolve("http-" + port + ".lock")).orElseThrow(() ->
                        new AcmectlException(ExitCode.STORE, "another acmectl run is answering http-01 on port "
                                + settings.port())));
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
        for (StoreLock lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                // the kernel drops the lock when the process ends
            }
        }
        locks.clear();
    }
}
