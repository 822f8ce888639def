package io.acmectl.challenge;

import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The solvers of one run, shared by every certificate ordered in it and safe to use from the
 * threads that renew in parallel: certificates answering through the same port need one listener,
 * not one each. Each distinct spec is opened once, on first use or by {@link #prepare}; closing
 * closes every solver, then releases the run's host locks. Made by {@link SolverRegistry#open}.
 */
public final class Solvers implements AutoCloseable {
    private final Map<Class<? extends ChallengeSpec>, SolverFactory<ChallengeSpec>> factories;
    private final HostLocks locks;
    private final Map<ChallengeSpec, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Solvers(Map<Class<? extends ChallengeSpec>, SolverFactory<ChallengeSpec>> factories, HostLocks locks) {
        this.factories = factories;
        this.locks = locks;
    }

    /** The solver for this spec, opened on first use (a missing webroot or a busy port fails here). */
    public ChallengeSolver solverFor(ChallengeSpec spec) {
        if (closed) {
            throw new IllegalStateException("the solvers of this run are closed");
        }
        return slots.computeIfAbsent(spec, s -> new Slot()).open(spec);
    }

    /** Opens every spec of the choice now, so a missing webroot or a busy port fails before any order. */
    public void prepare(ChallengeChoice choice) {
        choice.all().forEach(this::solverFor);
    }

    /**
     * As {@link #prepare(ChallengeChoice)}, and checks first that each name can be proven the way
     * the choice gives it: a wildcard with http-01 fails here rather than in an order at the CA.
     */
    public void prepare(ChallengeChoice choice, Collection<Identifier> identifiers) {
        identifiers.forEach(identifier -> specFor(choice, identifier));
        prepare(choice);
    }

    /** What the order flow asks per authorization: the solver of the spec the choice gives that name. */
    public Responder responder(ChallengeChoice choice) {
        return identifier -> solverFor(specFor(choice, identifier));
    }

    private static ChallengeSpec specFor(ChallengeChoice choice, Identifier identifier) {
        ChallengeSpec spec = choice.forIdentifier(identifier);
        if (!spec.canProve(identifier)) {
            throw new Failure.BadInput(identifier.value() + " cannot be proven by " + spec.challengeType()
                    + (identifier.isWildcard() ? ": a wildcard needs dns-01" : ""));
        }
        return spec;
    }

    @Override
    public void close() {
        closed = true;
        RuntimeException first = null;
        try {
            for (Slot slot : slots.values()) {
                try {
                    slot.close();
                } catch (RuntimeException e) {
                    // a bug in one solver must not leave the others listening
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            slots.clear();
        } finally {
            locks.close();
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * One spec's solver, opened under its own monitor: waiting for a port blocks only the threads
     * that want that port. A spec that failed to open fails the same way for the rest of the run,
     * so parallel certificates do not each wait out the patience for the same busy port (an
     * interrupted wait is the exception: it says nothing about the spec).
     */
    private final class Slot {
        private ChallengeSolver solver;
        private RuntimeException failure;

        synchronized ChallengeSolver open(ChallengeSpec spec) {
            if (closed) {
                throw new IllegalStateException("the solvers of this run are closed");
            }
            if (failure != null) {
                throw failure;
            }
            if (solver == null) {
                try {
                    solver = create(spec);
                } catch (Failure.Aborted e) {
                    throw e; // this thread was interrupted; another may still open it
                } catch (Failure e) {
                    failure = e;
                    throw e;
                }
            }
            return solver;
        }

        synchronized void close() {
            if (solver != null) {
                solver.close();
                solver = null;
            }
        }
    }

    private ChallengeSolver create(ChallengeSpec spec) {
        SolverFactory<ChallengeSpec> factory = factories.get(spec.getClass());
        if (factory == null) {
            throw new IllegalStateException("no solver is registered for " + spec.getClass().getSimpleName());
        }
        ChallengeSolver solver = factory.open(spec, locks);
        if (!solver.type().equals(spec.challengeType())) {
            solver.close();
            throw new IllegalStateException("the solver for " + spec + " answers " + solver.type() + ", not "
                    + spec.challengeType());
        }
        return solver;
    }
}
