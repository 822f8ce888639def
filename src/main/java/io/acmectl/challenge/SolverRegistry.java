package io.acmectl.challenge;

import io.acmectl.challenge.dns.Dns01Solver;
import io.acmectl.challenge.dns.DnsPersist01Solver;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.PreflightChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which factory opens the solver for each kind of {@link ChallengeSpec}. A new challenge type is a
 * spec record in {@code core}, a factory, and one {@link #register} line in {@link #standard()}:
 * no caller branches on the kind of spec. Build it once, then {@link #open} it per run.
 */
public final class SolverRegistry {
    private final Map<Class<? extends ChallengeSpec>, SolverFactory<ChallengeSpec>> factories =
            new LinkedHashMap<>();

    /** An empty registry; {@link #standard()} is the one acmectl uses. */
    public SolverRegistry() {}

    /** {@link #standard(PreflightChecks)} with every check as by default. */
    public static SolverRegistry standard() {
        return standard(PreflightChecks.DEFAULT);
    }

    /**
     * Every way acmectl can prove a name: http-01 through a webroot or its own listener, tls-alpn-01,
     * dns-01 and dns-persist-01 through a TXT publisher;
     * each solver checks before the CA is asked as {@code checks} say.
     */
    public static SolverRegistry standard(PreflightChecks checks) {
        return new SolverRegistry()
                .register(ChallengeSpec.Webroot.class, (spec, locks) -> new WebrootSolver(spec.folder(), checks))
                .register(ChallengeSpec.Standalone.class, (spec, locks) -> StandaloneHttpSolver.open(spec, locks, checks))
                .register(ChallengeSpec.TlsAlpn.class, (spec, locks) -> TlsAlpnSolver.open(spec, locks, checks))
                .register(ChallengeSpec.Dns01.class, (spec, locks) -> Dns01Solver.open(spec, checks))
                .register(ChallengeSpec.DnsPersist01.class, (spec, locks) -> DnsPersist01Solver.open(spec, checks));
    }

    /** Adds (or replaces, for a test's stand-in) the factory for one kind of spec. */
    public synchronized <S extends ChallengeSpec> SolverRegistry register(Class<S> kind, SolverFactory<S> factory) {
        factories.put(kind, (spec, locks) -> factory.open(kind.cast(spec), locks));
        return this;
    }

    /** The solvers of one run, with host locks in {@code lockFolder} and the default patience. */
    public Solvers open(Path lockFolder) {
        return open(lockFolder, HostLocks.DEFAULT_PATIENCE);
    }

    /** As {@link #open(Path)}, waiting up to {@code patience} for a sibling run that holds a port. */
    public synchronized Solvers open(Path lockFolder, Duration patience) {
        return new Solvers(Map.copyOf(factories), new HostLocks(lockFolder, patience));
    }
}
