package io.acmectl.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        assertEquals(List.of(), survivors(pids(dir.resolve("child.pid"))), "the hook's child outlived the hook");
    }

    /** Issue 13: killing descendants one by one missed a child started in between; the group ends at once. */
    @Test
    void aHookThatKeepsStartingChildrenLeavesNoneBehindAfterItsTimeout() throws Exception {
        HookRunner impatient = new HookRunner(Duration.ofMillis(300));
        String spawning = in(dir, "i=0; while [ $i -lt 100 ]; do sleep 30 & echo $! >> children.pid; i=$((i+1)); "
                + "sleep 0.02; done; wait");

        List<HookFailure> failures = impatient.run(HookStage.DEPLOY, List.of(spawning), Map.of());

        assertEquals(HookFailure.Kind.TIMED_OUT, failures.get(0).kind(), failures.toString());
        List<Long> children = pids(dir.resolve("children.pid"));
        assertTrue(children.size() > 1, "the hook started " + children.size() + " children within its timeout");
        assertEquals(List.of(), survivors(children), "children outlived the hook");
    }

    /** Issue 13: a deploy hook's children kept running after acmectl was killed. */
    @Test
    void aRunningHookAndItsChildrenEndWhenAcmectlIsKilled() throws Exception {
        String hook = in(dir, "echo $$ > shell.pid; sleep 30 & echo $! > a.pid; sleep 30 & echo $! > b.pid; wait");
        Process acmectl = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunOneHook.class.getName(), hook)
                .redirectErrorStream(true).redirectOutput(dir.resolve("acmectl.log").toFile()).start();
        List<Long> started = new ArrayList<>();
        try {
            for (int i = 0; i < 200 && started.size() < 3; i++) {
                Thread.sleep(50);
                started = pids(dir.resolve("shell.pid"), dir.resolve("a.pid"), dir.resolve("b.pid"));
            }
            assertEquals(3, started.size(), "the hook did not start within 10 s: "
                    + Files.readString(dir.resolve("acmectl.log")));
            acmectl.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, nothing of acmectl runs
            assertTrue(acmectl.waitFor(10, TimeUnit.SECONDS));
            assertEquals(List.of(), survivors(started), "the hook or its children outlived acmectl");
        } finally {
            acmectl.destroyForcibly();
            started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void whatAFinishedHookStartedInTheBackgroundIsLeftAlone() throws Exception {
        List<HookFailure> failures = runner.run(HookStage.DEPLOY, List.of(in(dir, "{ sleep 30 & echo $! > bg.pid; }")),
                Map.of());

        assertEquals(List.of(), failures);
        long pid = pids(dir.resolve("bg.pid")).get(0);
        try {
            assertTrue(alive(pid), "a finished hook's background process was killed");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
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

    /** acmectl in miniature for the test above: runs one hook with a long timeout, to be killed meanwhile. */
    static final class RunOneHook {
        public static void main(String[] args) {
            System.out.println(new HookRunner(Duration.ofSeconds(60)).run(HookStage.DEPLOY, List.of(args[0]), Map.of()));
        }
    }

    /** The pids written to the files so far (one per line; a line being written is not one yet). */
    private static List<Long> pids(Path... files) throws IOException {
        List<Long> pids = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                String text = Files.readString(file);
                text.substring(0, text.lastIndexOf('\n') + 1).lines().map(Long::parseLong).forEach(pids::add);
            }
        }
        return pids;
    }

    /** The processes still alive after a bounded wait (5 s) for all of them to end. */
    private static List<Long> survivors(List<Long> pids) throws InterruptedException {
        List<Long> alive = pids;
        for (int i = 0; i < 100 && !alive.isEmpty(); i++) {
            Thread.sleep(50);
            alive = alive.stream().filter(HookRunnerTest::alive).toList();
        }
        alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // leave nothing behind
        return alive;
    }

    /**
     * Running, that is: a zombie has ended, though {@link ProcessHandle#isAlive} counts it until it
     * is reaped (a killed hook's orphans are reaped by pid 1, which in a container may take seconds).
     */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static String in(Path folder, String command) {
        return "cd '" + folder + "' && " + command;
    }
}
