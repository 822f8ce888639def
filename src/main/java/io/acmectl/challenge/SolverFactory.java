package io.acmectl.challenge;

import io.acmectl.core.ChallengeSpec;

/**
 * Opens the solver for one kind of {@link ChallengeSpec}. It checks what it can before any order
 * is placed (a missing webroot, a port in use) and takes the host resources it needs through
 * {@code locks}.
 */
@FunctionalInterface
public interface SolverFactory<S extends ChallengeSpec> {
    ChallengeSolver open(S spec, HostLocks locks);
}
