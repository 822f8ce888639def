package io.acmectl.flow;

import io.acmectl.acme.OrderFlow;
import io.acmectl.challenge.Responder;
import io.acmectl.core.CertificateName;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One order's steps as the order flow reaches them: told to the run's {@link Progress}, and the names
 * whose authorizations were answered noted (the guard counts a refused order's failed validations per
 * name; the order flow asks the responder only for pending authorizations). Made as the order is placed.
 */
final class OrderSteps {
    private final Progress progress;
    private final CertificateName name;
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean validating = new AtomicBoolean();

    OrderSteps(Progress progress, CertificateName name) {
        this.progress = progress;
        this.name = name;
        progress.step(name, Progress.Step.ORDERING);
    }

    /** The responder, telling {@link Progress.Step#VALIDATING} when the first authorization is answered. */
    Responder answering(Responder responder) {
        return identifier -> {
            if (validating.compareAndSet(false, true)) {
                progress.step(name, Progress.Step.VALIDATING);
            }
            answered.add(identifier.value());
            return responder.solverFor(identifier);
        };
    }

    /** The note taken before finalize, telling {@link Progress.Step#FINALIZING} first. */
    OrderFlow.BeforeFinalize finalizing(OrderFlow.BeforeFinalize note) {
        return order -> {
            progress.step(name, Progress.Step.FINALIZING);
            note.finalizing(order);
        };
    }

    Set<String> answered() {
        return answered;
    }
}
