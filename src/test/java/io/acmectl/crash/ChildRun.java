package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * acmectl as a process of its own ({@code java -cp <the tests' classpath> io.acmectl.Main ...}), so it
 * can die the way a real run dies: at an exact write point ({@code -Dacmectl.crashAt=N}, which halts the
 * JVM as SIGKILL would), or killed with SIGKILL from outside after a delay. Every wait is bounded.
 */
final class ChildRun {
    /** What {@code -Dacmectl.crashAt} and SIGKILL end a process with (128 + 9). */
    static final int KILLED = 137;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    record Result(int exitCode, String output, Duration took) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n" + output;
        }
    }

    private final List<String> global;
    private final Path logs;
    private int runs;

    private final String classpath;

    /** {@code work}: for the logs of the runs and a copy of the classes they run. */
    ChildRun(List<String> global, Path work) throws IOException {
        this.global = List.copyOf(global);
        this.logs = work;
        this.classpath = classpath(work.resolve("classes"));
    }

    /**
     * The tests' own classpath, less the test classes, with the main classes copied: a build running
     * beside the tests (another engineer's, an IDE's) recompiling target/classes cannot pull them
     * from under a child JVM.
     */
    private static String classpath(Path copy) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
            } else if (Files.isRegularFile(path.resolve("io/acmectl/Main.class"))) {
                copyTree(path, copy);
                entries.add(copy.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Halted right before the {@code crashAt}th write point (0: never). */
    Result crashingAt(int crashAt, String... args) throws Exception {
        return run(crashAt, null, args);
    }

    /** Killed with SIGKILL {@code after} its start, if it is still running then. */
    Result killedAfter(Duration after, String... args) throws Exception {
        return run(0, after, args);
    }

    /**
     * Sent SIGINT (Ctrl-C) as soon as {@code marker} exists (waited for within the patience), then
     * waited for: what a user stopping acmectl in the middle of a run does.
     */
    Result interruptedOnce(Path marker, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath, "io.acmectl.Main"));
        command.addAll(global);
        command.addAll(List.of(args));
        Path log = logs.resolve("child-" + (++runs) + ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (long waited = 0; !Files.exists(marker) && process.isAlive() && waited < PATIENCE.toMillis(); waited += 100) {
            Thread.sleep(100);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail("acmectl did not end within " + PATIENCE + " of SIGINT: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log), Duration.ofNanos(System.nanoTime() - start));
    }

    private Result run(int crashAt, Duration killAfter, String... args) throws Exception {
        // a short run: starting fast counts for more than running fast
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", classpath));
        if (crashAt > 0) {
            command.add("-Dacmectl.crashAt=" + crashAt);
        }
        command.add("io.acmectl.Main");
        command.addAll(global);
        command.addAll(List.of(args));
        Path log = logs.resolve("child-" + (++runs) + ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (killAfter != null && !process.waitFor(killAfter.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly(); // SIGKILL on Linux
        }
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail("acmectl did not end within " + PATIENCE + ": " + String.join(" ", command) + "\n"
                    + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log), Duration.ofNanos(System.nanoTime() - start));
    }

    private static String javaBinary() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IOException("no java at " + java);
        }
        return java.toString();
    }
}
