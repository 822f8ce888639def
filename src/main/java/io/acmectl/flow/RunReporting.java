package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.Notify;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.files.IoReasons;
import io.acmectl.hooks.HookFailure;
import io.acmectl.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a {@code renew} or {@code issue --all} run, so that an admin hears about it without
 * reading logs: the metrics file is written, then the notify command runs if the run calls for it.
 * Neither changes what the run did: each reports its own trouble in the {@link Result}.
 */
public final class RunReporting {
    private static final Logger LOG = LoggerFactory.getLogger(RunReporting.class);

    private final Store store;
    private final Clock clock;
    private final MetricsFile metrics = new MetricsFile();
    private final Notifier notifier = new Notifier();

    public RunReporting(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What the reporting did: {@code notified} whether the notify command ran, {@code notifyFailure}
     * how it failed (null: it did not); {@code metricsFile} the file to write (null: none) and
     * {@code metricsProblem} why it could not be written (null: it was).
     */
    public record Result(boolean notified, HookFailure notifyFailure, Path metricsFile, String metricsProblem) {
        static final Result NOTHING = new Result(false, null, null, null);
    }

    /**
     * After a run that went through its certificates. {@code wantList} may be null (then only the
     * command line's {@code metricsOption}); {@code leftOut}: its invalid entries the run did not attempt.
     */
    public Result afterRun(RunReport.RunInfo info, BatchResult result, List<WantList.Rejected> leftOut,
            WantList wantList, Path metricsOption) {
        Notify notify = wantList == null ? null : wantList.notification();
        Path metricsFile = metricsOption != null ? metricsOption : wantList == null ? null : wantList.metricsFile();
        if (notify == null && metricsFile == null) {
            return Result.NOTHING;
        }
        Instant now = clock.instant();
        RunReport report = new RunReports(store.lineages(), now, expiryDays(notify), wantList).of(info, result,
                leftOut);
        String metricsProblem = metricsFile == null ? null : writeMetrics(metricsFile, report, now);
        Optional<HookFailure> failure = notify == null ? Optional.empty() : notifier.notify(notify, report);
        failure.ifPresent(RunReporting::logged);
        boolean notified = notify != null && !Notifier.reasons(notify, report).isEmpty();
        return new Result(notified, failure.orElse(null), metricsFile, metricsProblem);
    }

    /** After a run that failed as a whole (no store, interrupted): the notify command hears of it. */
    public Result afterFailedRun(RunReport.RunInfo info, RuntimeException error, WantList wantList) {
        Notify notify = wantList == null ? null : wantList.notification();
        if (notify == null) {
            return Result.NOTHING;
        }
        RunReport report = new RunReports(store.lineages(), clock.instant(), notify.expiryDays(), wantList)
                .failed(info, error);
        Optional<HookFailure> failure = notifier.notify(notify, report);
        failure.ifPresent(RunReporting::logged);
        return new Result(true, failure.orElse(null), null, null);
    }

    /** Into the log too: under cron, stderr may go nowhere, and this was how anyone would have heard. */
    private static void logged(HookFailure failure) {
        LOG.warn("the notify command '{}' failed ({}, exit {}): {}", failure.command(), failure.kind(),
                failure.exitCode(), failure.output());
    }

    private static int expiryDays(Notify notify) {
        return notify == null ? Notify.DEFAULT_EXPIRY_DAYS : notify.expiryDays();
    }

    /** Null when written, else why not. */
    private String writeMetrics(Path file, RunReport report, Instant now) {
        try {
            List<StoredCertificate> certificates = store.exists() ? stored() : List.of();
            metrics.write(file, metrics.render(certificates, report, now));
            LOG.info("metrics written to {}", file);
            return null;
        } catch (IOException e) {
            LOG.warn("the metrics file {} could not be written: {}", file, IoReasons.of(e));
            return IoReasons.of(e);
        }
    }

    private List<StoredCertificate> stored() {
        return store.lineages().names().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** A lineage whose record cannot be read is left out of the file, not the run's other certificates. */
    private Optional<StoredCertificate> find(CertificateName name) {
        try {
            return store.lineages().find(name);
        } catch (Failure e) {
            LOG.warn("{}: left out of the metrics: {}", name, e.getMessage());
            return Optional.empty();
        }
    }
}
