package io.acmectl.challenge;

import io.acmectl.config.ChallengeSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The solvers of one run, shared by the certificates ordered in it: renewals running in parallel
 * that answer through the same port need one listener, not one each. Closing it closes them all.
 */
public final class SolverRegistry implements AutoCloseable {
    private final Map<ChallengeSettings, ChallengeSolver> open = new ConcurrentHashMap<>();

    /** The solver for these settings, opened on first use (a busy port fails here). */
    public ChallengeSolver solverFor(ChallengeSettings settings) {
        return open.computeIfAbsent(settings, ChallengeSolvers::open);
    }

    @Override
    public void close() {
        open.values().forEach(ChallengeSolver::close);
        open.clear();
    }
}
