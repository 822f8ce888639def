package io.acmectl.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks run by {@code /bin/sh -c}; every command changes into the test's folder first, so nothing lands elsewhere. */
class HookRunnerTest {
    @TempDir
    Path dir;

    private final HookRunner runner = new HookRunner(Duration.ofSeconds(10));

    @Test
    void environmentValuesReachTheHookLiterallyAndNeverAsShellSyntax() throws IOException {
        String injection = "$(touch PWNED); rm -rf x";
        String awkward = "it's \"quoted\" `touch PWNED2` \\ $HOME ;|&\nsecond line";
        Files.createDirectory(dir.resolve("x"));

        List<HookFailure> failures = runner.run(HookStage.DEPLOY, List.of(
                in(dir, "printf %s \"$ACMECTL_X\" > x.txt"),
                in(dir, "printf %s \"$ACMECTL_Y\" > y.txt")),
                Map.of("ACMECTL_X", injection, "ACMECTL_Y", awkward));

        assertEquals(List.of(), failures);
        assertEquals(injection, Files.readString(dir.resolve("x.txt")));
        assertEquals(awkward, Files.readString(dir.resolve("y.txt")));
        assertFalse(Files.exists(dir.resolve("PWNED")), "the value ran as a command");
        assertFalse(Files.exists(dir.resolve("PWNED2")), "the value ran as a command");
        assertTrue(Files.isDirectory(dir.resolve("x")), "the value ran as a command");
    }

    @Test
    void aFailingHookIsReportedAndTheNextStillRuns() throws IOException {
        String failing = in(dir, "echo starting; echo 'disk full' >&2; exit 3");
        List<HookFailure> failures = runner.run(HookStage.POST, List.of(failing, in(dir, "touch second-ran")),
                Map.of());

        assertEquals(1, failures.size(), failures.toString());
        HookFailure failure = failures.get(0);
        assertEquals(HookFailure.Kind.EXITED, failure.kind());
        assertEquals(3, failure.exitCode());
        assertEquals("disk full", failure.output(), "the last line, standard error included");
        assertEquals(HookStage.POST, failure.stage());
        assertEquals(failing, failure.command());
        assertTrue(Files.exists(dir.resolve("second-ran")), "a failed hook stopped the next one");
    }

    @Test
    void aHookThatOutlivesItsTimeoutIsKilledWithItsChildren() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        HookRunner impatient = new HookRunner(timeout);
        // The child writes its own pid, then becomes a long sleep with that pid; the hook waits for it.
        String slow = in(dir, "sh -c 'echo $$ > child.pid; exec sleep 60' & wait");

        List<HookFailure> failures = impatient.run(HookStage.PRE, List.of(slow, in(dir, "touch after")), Map.of());

        assertEquals(1, failures.size(), failures.toString());
        HookFailure failure = failures.get(0);
        assertEquals(HookFailure.Kind.TIMED_OUT, failure.kind());
        assertEquals(timeout, failure.timeout());
        assertEquals(slow, failure.command());
        assertTrue(Files.exists(dir.resolve("after")), "the hook after a timed-out one did not run");
        assertTrue(Files.exists(dir.resolve("child.pid")), "the child never started within " + timeout);
        long pid = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        for (int i = 0; i < 100 && child.map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        boolean alive = child.map(ProcessHandle::isAlive).orElse(false);
        child.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly); // do not leave it behind
        assertFalse(alive, "the hook's child " + pid + " outlived the hook");
    }

    @Test
    void aHookReadingStandardInputGetsEndOfInput() throws IOException {
        // Inheriting the JVM's standard input would hang this hook until its timeout.
        List<HookFailure> failures = runner.run(HookStage.DEPLOY, List.of(in(dir, "cat > input.txt")), Map.of());

        assertEquals(List.of(), failures);
        assertEquals("", Files.readString(dir.resolve("input.txt")));
    }

    @Test
    void hooksRunInTheOrderGiven() throws IOException {
        List<HookFailure> failures = runner.run(HookStage.POST, List.of(in(dir, "echo one >> order.txt"),
                in(dir, "echo two >> order.txt"), in(dir, "echo three >> order.txt")), Map.of());

        assertEquals(List.of(), failures);
        assertEquals(List.of("one", "two", "three"), Files.readAllLines(dir.resolve("order.txt")));
    }

    private static String in(Path folder, String command) {
        return "cd '" + folder + "' && " + command;
    }
}
