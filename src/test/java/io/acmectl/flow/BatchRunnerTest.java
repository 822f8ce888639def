package io.acmectl.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.challenge.SolverRegistry;
import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.hooks.HookRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's guarantees, with tasks in place of issuance and hooks that write to a log. */
class BatchRunnerTest {
    @TempDir
    Path dir;

    private BatchRunner runner() {
        return new BatchRunner(SolverRegistry.standard(), dir.resolve("locks"), new HookRunner(Duration.ofSeconds(10)));
    }

    private Hooks logging(String pre, String post) {
        Path log = dir.resolve("hooks.log");
        return new Hooks(List.of("echo " + pre + " >> '" + log + "'"), List.of("echo " + post + " >> '" + log + "'"),
                List.of());
    }

    private List<String> log() throws IOException {
        Path log = dir.resolve("hooks.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static List<CertificateName> names(String... values) {
        return java.util.Arrays.stream(values).map(CertificateName::of).toList();
    }

    @Test
    void aBugAfterThePreHookStillRunsThePostHookOnceAndSparesTheOthers() throws IOException {
        Hooks hooks = logging("pre", "post");
        IllegalStateException bug = new IllegalStateException("a bug");

        BatchResult result = runner().run(names("a", "b", "c"), 2, (name, run) -> {
            if (name.value().equals("b")) {
                run.beforeOrder(hooks);
                throw bug;
            }
            return new CertificateOutcome.Unchanged(name, null);
        });

        assertEquals(List.of("pre", "post"), log());
        assertEquals(names("a", "b", "c"), result.outcomes().stream().map(CertificateOutcome::name).toList());
        assertInstanceOf(CertificateOutcome.Unchanged.class, result.outcomes().get(0));
        CertificateOutcome.Failed failed = assertInstanceOf(CertificateOutcome.Failed.class, result.outcomes().get(1));
        assertSame(bug, failed.cause());
        assertInstanceOf(CertificateOutcome.Unchanged.class, result.outcomes().get(2));
        assertEquals(List.of(), result.hookFailures());
    }

    @Test
    void evenAnErrorThatEscapesTheGuardRunsThePostHook() throws IOException {
        Hooks hooks = logging("pre", "post");

        IllegalStateException escaped = assertThrows(IllegalStateException.class,
                () -> runner().run(names("a"), 1, (name, run) -> {
                    run.beforeOrder(hooks);
                    throw new AssertionError("not a RuntimeException");
                }));

        assertInstanceOf(AssertionError.class, escaped.getCause());
        assertEquals(List.of("pre", "post"), log());
    }

    @Test
    void aLockedCertificateIsSkippedNotFailed() {
        Failure.Locked locked = new Failure.Locked("another acmectl run holds b");

        BatchResult result = runner().run(names("a", "b"), 1, (name, run) -> {
            if (name.value().equals("b")) {
                throw locked;
            }
            return new CertificateOutcome.Unchanged(name, null);
        });

        CertificateOutcome.Skipped skipped = assertInstanceOf(CertificateOutcome.Skipped.class,
                result.outcomes().get(1));
        assertSame(locked, skipped.cause());
        assertEquals(1, result.count(CertificateOutcome.Skipped.class));
        assertEquals(0, result.count(CertificateOutcome.Failed.class));
    }

    @Test
    void aFailureIsFailedWithItsCause() {
        Failure.CaRefused refused = new Failure.CaRefused("rejected identifier");

        BatchResult result = runner().run(names("a"), 1, (name, run) -> {
            throw refused;
        });

        CertificateOutcome.Failed failed = assertInstanceOf(CertificateOutcome.Failed.class, result.outcomes().get(0));
        assertSame(refused, failed.cause());
    }

    @Test
    void aPreHookSharedByFiveCertificatesRunsOnce() throws IOException {
        Hooks hooks = logging("pre", "post");
        AtomicInteger ordered = new AtomicInteger();

        BatchResult result = runner().run(names("a", "b", "c", "d", "e"), 5, (name, run) -> {
            run.beforeOrder(hooks);
            ordered.incrementAndGet();
            return new CertificateOutcome.Unchanged(name, null);
        });

        assertEquals(5, ordered.get());
        assertEquals(5, result.count(CertificateOutcome.Unchanged.class));
        assertEquals(List.of("pre", "post"), log());
    }

    @Test
    void eachDistinctPreHookRunsOnceBeforeItsFirstOrder() throws IOException {
        Hooks shared = logging("pre-shared", "post-shared");
        Hooks own = shared.then(logging("pre-own", "post-own"));

        runner().run(names("a", "b", "c"), 1, (name, run) -> {
            run.beforeOrder(name.value().equals("b") ? own : shared);
            return new CertificateOutcome.Unchanged(name, null);
        });

        assertEquals(List.of("pre-shared", "pre-own", "post-shared", "post-own"), log());
    }

    @Test
    void withoutAnOrderNoPostHookRuns() throws IOException {
        BatchResult result = runner().run(names("a", "b"), 2, (name, run) -> new CertificateOutcome.Unchanged(name, null));

        assertEquals(List.of(), log());
        assertEquals(2, result.outcomes().size());
    }

    @Test
    void outcomesKeepTheOrderOfTheNamesWhateverOrderTheyFinishIn() {
        // In each group of four, a task waits for the next one to finish: they finish back to front.
        int count = 8;
        List<CertificateName> names = IntStream.range(0, count).mapToObj(i -> CertificateName.of("c" + i)).toList();
        List<CountDownLatch> finished = IntStream.range(0, count).mapToObj(i -> new CountDownLatch(1)).toList();
        List<String> finishOrder = Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> running = new ConcurrentHashMap<>();
        AtomicInteger mostAtOnce = new AtomicInteger();

        BatchResult result = runner().run(names, 4, (name, run) -> {
            int i = Integer.parseInt(name.value().substring(1));
            running.put(name.value(), true);
            mostAtOnce.accumulateAndGet(running.size(), Math::max);
            try {
                if (i % 4 != 3 && !finished.get(i + 1).await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " waited in vain for the next one");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            running.remove(name.value());
            finishOrder.add(name.value());
            finished.get(i).countDown();
            return new CertificateOutcome.Unchanged(name, null);
        });

        assertEquals(names, result.outcomes().stream().map(CertificateOutcome::name).toList());
        assertEquals(count, result.count(CertificateOutcome.Unchanged.class), result.outcomes().toString());
        assertTrue(finishOrder.indexOf("c3") < finishOrder.indexOf("c0"), finishOrder.toString());
        assertFalse(finishOrder.equals(names.stream().map(CertificateName::value).toList()), finishOrder.toString());
        assertTrue(mostAtOnce.get() <= 4, mostAtOnce.get() + " tasks at once with parallel 4");
    }
}
