package io.acmectl.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.acmectl.challenge.SolverRegistry;
import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.hooks.HookRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch tells its Progress which certificates it takes, then what became of each, bugs included. */
class ProgressTest {
    @TempDir
    Path dir;

    @Test
    void aBatchTellsItsCertificatesAndEachOutcome() {
        List<List<CertificateName>> started = Collections.synchronizedList(new java.util.ArrayList<>());
        Map<CertificateName, CertificateOutcome> done = new ConcurrentHashMap<>();
        Progress recording = new Progress() {
            @Override
            public void started(List<CertificateName> names) {
                started.add(names);
            }

            @Override
            public void done(CertificateOutcome outcome) {
                done.put(outcome.name(), outcome);
            }
        };
        BatchRunner runner = new BatchRunner(SolverRegistry.standard(), dir.resolve("locks"),
                new HookRunner(Duration.ofSeconds(10)), io.acmectl.flow.DeployCheck.standard(), recording);
        List<CertificateName> names = List.of(CertificateName.of("a"), CertificateName.of("b"), CertificateName.of("c"),
                CertificateName.of("d"));
        BatchResult result = runner.run(names, 2, (name, run) -> switch (name.value()) {
            case "a" -> new CertificateOutcome.NotDue(name, null);
            case "b" -> throw new Failure.CaRefused("no");
            case "c" -> throw new Failure.Locked("held");
            default -> throw new IllegalStateException("a bug");
        });
        assertEquals(List.of(names), started);
        assertEquals(4, done.size());
        for (CertificateOutcome outcome : result.outcomes()) {
            assertEquals(outcome, done.get(outcome.name()), "the outcome the result holds");
        }
        assertInstanceOf(CertificateOutcome.Failed.class, done.get(CertificateName.of("d")));
        assertInstanceOf(CertificateOutcome.Skipped.class, done.get(CertificateName.of("c")));
    }
}
