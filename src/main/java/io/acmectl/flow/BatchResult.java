package io.acmectl.flow;

import io.acmectl.hooks.HookFailure;
import java.util.List;

/** What a run over many certificates did: an outcome each, in the order asked, and the hooks that failed. */
public record BatchResult(List<CertificateOutcome> outcomes, List<HookFailure> hookFailures) {
    public BatchResult {
        outcomes = List.copyOf(outcomes);
        hookFailures = List.copyOf(hookFailures);
    }

    public long count(Class<? extends CertificateOutcome> type) {
        return outcomes.stream().filter(type::isInstance).count();
    }

    public long count(CertificateOutcome.Obtained.Kind kind) {
        return outcomes.stream().filter(o -> o instanceof CertificateOutcome.Obtained obtained
                && obtained.kind() == kind).count();
    }
}
