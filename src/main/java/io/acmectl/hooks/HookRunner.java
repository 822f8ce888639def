package io.acmectl.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hook commands as certbot does, each by {@code /bin/sh -c COMMAND}, in order. What changed is
 * passed in environment variables only: never spliced into the command, so a domain name can
 * never become shell syntax. A hook that fails or outlives its timeout is reported, and the next
 * one still runs.
 *
 * <p>A running hook cannot outlive acmectl, nor its own timeout, and neither can what it started
 * (issue 13). Each hook runs under a small supervisor shell that {@code setsid} made the leader of
 * a process group of its own, so the hook and all it starts are one group, ended at once by one
 * signal; killing descendants one by one missed a child started in between. The supervisor's
 * standard input is a pipe from acmectl that nothing is written to: when acmectl closes it (a
 * timeout) or the kernel does (acmectl ended, SIGKILL included), the supervisor's watcher reads the
 * end of input and kills the group. A hook that finished is left alone, and so is what it started
 * in the background: that may be on purpose.
 */
public final class HookRunner {
    private static final Logger LOG = LoggerFactory.getLogger("io.acmectl.hooks");

    /**
     * {@code $1} is the hook. It gets no input and not the pipe (fd 3 while the watcher starts).
     * {@code $$} in the watcher's subshell is the supervisor, the group's leader; without setsid
     * there is no group {@code -$$} and the kill fails harmlessly. Its error output is dropped so
     * that it never becomes the "last line" a failure reports.
     */
    private static final String SUPERVISOR = String.join("\n",
            "exec 3<&0 </dev/null",
            "/bin/sh -c \"$1\" 3<&- &",
            "hook=$!",
            "(read -r _ <&3; kill -KILL -$$) 2>/dev/null &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$hook\"",
            "status=$?",
            "kill \"$watcher\" 2>/dev/null",
            "wait \"$watcher\" 2>/dev/null",
            "exit \"$status\"");
    /** util-linux or busybox {@code setsid}: a Java child is never a group leader, so it calls setsid() and execs, no fork. */
    private static final List<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst().map(List::of).orElse(List.of());
    /** How long the group may take to end before its processes are killed one by one. */
    private static final long GROUP_END_MILLIS = 2_000;

    private final Duration timeout;

    public HookRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** Returns the failures (empty when every hook succeeded). */
    public List<HookFailure> run(HookStage stage, List<String> commands, Map<String, String> environment) {
        List<HookFailure> failures = new ArrayList<>();
        for (String command : commands) {
            HookFailure failure = runOne(stage, command, environment).failure();
            if (failure != null) {
                failures.add(failure);
            }
        }
        return failures;
    }

    /** What one command printed (all of it; also logged), and how it failed: null when it succeeded. */
    public record Ran(HookFailure failure, String output) {}

    /** One command, as {@link #run} runs each, keeping what it printed (certbot hands it to the cleanup hook). */
    public Ran runOne(HookStage stage, String command, Map<String, String> environment) {
        String[] printed = {""};
        HookFailure failure = runOne(stage, command, environment, printed);
        return new Ran(failure, printed[0]);
    }

    private HookFailure runOne(HookStage stage, String command, Map<String, String> environment, String[] printed) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("acmectl-hook-", ".log");
            LOG.info("{} hook: {}", stage.id(), command);
            process = start(command, environment, output);
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                end(process);
            }
            printed[0] = logOutput(stage, output);
            String last = printed[0].lines().reduce((a, b) -> b).orElse("");
            if (!finished) {
                return new HookFailure(stage, command, HookFailure.Kind.TIMED_OUT, -1, last, timeout);
            }
            return process.exitValue() == 0 ? null
                    : new HookFailure(stage, command, HookFailure.Kind.EXITED, process.exitValue(), last, timeout);
        } catch (IOException e) {
            return new HookFailure(stage, command, HookFailure.Kind.COULD_NOT_RUN, -1, String.valueOf(e.getMessage()),
                    timeout);
        } catch (InterruptedException e) {
            endQuietly(process);
            Thread.currentThread().interrupt();
            return new HookFailure(stage, command, HookFailure.Kind.INTERRUPTED, -1, "", timeout);
        } finally {
            deleteQuietly(output);
        }
    }

    /**
     * The supervisor, with no input, output and errors together into {@code output}. Its standard
     * input stays a pipe from us that nothing is ever written to: its end is the group's end.
     */
    private static Process start(String command, Map<String, String> environment, Path output) throws IOException {
        List<String> line = new ArrayList<>(SETSID);
        line.addAll(List.of("/bin/sh", "-c", SUPERVISOR, "acmectl-hook", command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Ends a hook and everything it started: closing the pipe has the supervisor kill its group at
     * once. Without setsid (or should that fail) the processes are killed one by one instead.
     */
    private static void end(Process process) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the supervisor is gone already
        }
        if (!process.waitFor(GROUP_END_MILLIS, TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(GROUP_END_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** {@link #end} for a thread that was interrupted: the hook must not outlive the run that started it. */
    private static void endQuietly(Process process) {
        if (process != null) {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // the supervisor is gone already
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Logs what the hook printed, and returns it (its last line is what a failure shows). */
    private static String logOutput(HookStage stage, Path output) throws IOException {
        String printed = Files.readString(output).strip();
        printed.lines().forEach(line -> LOG.info("{} hook output: {}", stage.id(), line));
        return printed;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left in /tmp
            }
        }
    }
}
