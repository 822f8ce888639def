package io.acmectl.hooks;

import java.time.Duration;

/**
 * A hook that did not succeed, as data: the printer words it. {@code exitCode} is set for
 * {@link Kind#EXITED}; {@code output} is the hook's last line of output, or why it could not run;
 * {@code timeout} is the limit it outlived for {@link Kind#TIMED_OUT}.
 */
public record HookFailure(HookStage stage, String command, Kind kind, int exitCode, String output,
        Duration timeout) {
    public enum Kind { EXITED, TIMED_OUT, COULD_NOT_RUN, INTERRUPTED }
}
