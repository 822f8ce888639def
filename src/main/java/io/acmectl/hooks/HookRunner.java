package io.acmectl.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hook commands as certbot does, each by {@code /bin/sh -c COMMAND}, in order. What changed is
 * passed in environment variables only: never spliced into the command, so a domain name can
 * never become shell syntax. A hook that fails or outlives its timeout is reported, and the next
 * one still runs.
 */
public final class HookRunner {
    private static final Logger LOG = LoggerFactory.getLogger("io.acmectl.hooks");

    private final Duration timeout;

    public HookRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** Returns the failures (empty when every hook succeeded). */
    public List<HookFailure> run(HookStage stage, List<String> commands, Map<String, String> environment) {
        List<HookFailure> failures = new java.util.ArrayList<>();
        for (String command : commands) {
            HookFailure failure = runOne(stage, command, environment);
            if (failure != null) {
                failures.add(failure);
            }
        }
        return failures;
    }

    private HookFailure runOne(HookStage stage, String command, Map<String, String> environment) {
        Path output = null;
        try {
            output = Files.createTempFile("acmectl-hook-", ".log");
            LOG.info("{} hook: {}", stage.id(), command);
            Process process = start(command, environment, output);
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String last = logOutput(stage, output);
            if (!finished) {
                return new HookFailure(stage, command, HookFailure.Kind.TIMED_OUT, -1, last, timeout);
            }
            return process.exitValue() == 0 ? null
                    : new HookFailure(stage, command, HookFailure.Kind.EXITED, process.exitValue(), last, timeout);
        } catch (IOException e) {
            return new HookFailure(stage, command, HookFailure.Kind.COULD_NOT_RUN, -1, String.valueOf(e.getMessage()),
                    timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HookFailure(stage, command, HookFailure.Kind.INTERRUPTED, -1, "", timeout);
        } finally {
            deleteQuietly(output);
        }
    }

    /** {@code /bin/sh -c COMMAND}, no input, output and errors together into {@code output}. */
    private static Process start(String command, Map<String, String> environment, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Logs what the hook printed; returns its last line (what a failure shows). */
    private static String logOutput(HookStage stage, Path output) throws IOException {
        String printed = Files.readString(output).strip();
        printed.lines().forEach(line -> LOG.info("{} hook output: {}", stage.id(), line));
        return printed.lines().reduce((a, b) -> b).orElse("");
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
