package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.WantList;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * How a run over many certificates reports on itself ({@code renew}, {@code issue --all}): the
 * metrics file (this option, else the want list's {@code metrics-file}) and the want list's notify
 * command, after the run's lines are printed.
 */
final class ReportOptions {
    @Option(names = "--metrics-file", paramLabel = "PATH",
            description = "After the run, write a Prometheus textfile-collector file (.prom) here (over the want "
                    + "list's metrics-file; with issue: only with --all).")
    Path metricsFile;

    /**
     * Runs the batch, prints it and reports on it; returns the exit code, which the reporting never
     * changes. {@code command}: as the report names it; {@code leftOut}: the invalid entries the run skips.
     */
    int run(App app, String command, WantList wantList, List<WantList.Rejected> leftOut, Supplier<BatchResult> batch) {
        Instant started = app.clock().instant();
        long start = System.nanoTime();
        BatchResult result;
        try {
            result = batch.get();
        } catch (Failure e) {
            app.printer().reported(app.reporting().afterFailedRun(info(command, started, start), e, wantList));
            throw e;
        }
        int code = app.printer().batch(result, leftOut);
        try {
            app.printer().reported(app.reporting().afterRun(info(command, started, start), result, leftOut,
                    wantList, metricsFile));
        } catch (RuntimeException e) {
            // the run's outcome is printed and its exit code decided: reporting never changes either
            app.printer().err().println("acmectl: the run's report could not be made: " + e);
        }
        return code;
    }

    /** The run's duration by the monotonic clock: a test's fixed clock says no time passes. */
    private static RunReport.RunInfo info(String command, Instant started, long startNanos) {
        return new RunReport.RunInfo(command, started, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
