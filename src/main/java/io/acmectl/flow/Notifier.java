package io.acmectl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.acmectl.core.Notify;
import io.acmectl.files.IoReasons;
import io.acmectl.hooks.HookFailure;
import io.acmectl.hooks.HookRunner;
import io.acmectl.hooks.HookStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the want list's notify command when a run's report calls for it: with the report as JSON on
 * its standard input (a private temporary file, removed after) and a few values in its environment,
 * like every hook ({@code /bin/sh -c} of the admin's own command, nothing spliced into it).
 */
final class Notifier {
    /** Set up when a report is first written: every run makes a Notifier, few notify. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Why the command runs, for its environment: {@code failed}, {@code expiring}, {@code always}. */
    static List<String> reasons(Notify notify, RunReport report) {
        List<String> reasons = new ArrayList<>();
        if (report.anyFailed()) {
            reasons.add("failed");
        }
        if (report.anyExpiring()) {
            reasons.add("expiring");
        }
        if (reasons.isEmpty() && notify.always()) {
            reasons.add("always");
        }
        return reasons;
    }

    /** Runs the command if there is a reason; empty when it did not run or succeeded. */
    Optional<HookFailure> notify(Notify notify, RunReport report) {
        List<String> reasons = reasons(notify, report);
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        Path input = null;
        try {
            input = Files.createTempFile("acmectl-report-", ".json"); // 0600: it is nobody else's business
            Json.MAPPER.writeValue(input.toFile(), report);
            return new HookRunner(notify.timeout()).run(HookStage.NOTIFY, List.of(notify.command()),
                    environment(notify, report, reasons), input).stream().findFirst();
        } catch (IOException e) {
            return Optional.of(new HookFailure(HookStage.NOTIFY, notify.command(), HookFailure.Kind.COULD_NOT_RUN, -1,
                    "its report could not be written: " + IoReasons.of(e), notify.timeout()));
        } finally {
            delete(input);
        }
    }

    /** Enough for a mail's subject line without parsing JSON; the rest is on standard input. */
    private static Map<String, String> environment(Notify notify, RunReport report, List<String> reasons) {
        long failed = report.certificates().stream().filter(c -> c.outcome().failed()).count();
        long expiring = report.certificates().stream().filter(RunReport.CertificatePart::expiring).count();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ACMECTL_NOTIFY_REASONS", String.join(" ", reasons));
        env.put("ACMECTL_RUN_COMMAND", report.run().command());
        env.put("ACMECTL_FAILED_COUNT", Long.toString(failed));
        env.put("ACMECTL_EXPIRING_COUNT", Long.toString(expiring));
        env.put("ACMECTL_NOTIFY_SUMMARY", summary(notify, report, failed, expiring));
        return env;
    }

    /** {@code acmectl renew: 1 failed, 1 expiring within 10 days (2 renewed)}: one line, no value of a user's. */
    static String summary(Notify notify, RunReport report, long failed, long expiring) {
        StringBuilder line = new StringBuilder("acmectl ").append(report.run().command()).append(": ");
        if (report.run().error() != null) {
            return line.append("the run failed (").append(report.run().error().kind()).append(')').toString();
        }
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (expiring > 0) {
            parts.add(expiring + " expiring within " + notify.expiryDays() + " days");
        }
        if (!report.hookFailures().isEmpty()) {
            parts.add(report.hookFailures().size() + " hook failures");
        }
        line.append(parts.isEmpty() ? "all well" : String.join(", ", parts));
        long obtained = report.count(RunReport.Outcome.ISSUED) + report.count(RunReport.Outcome.RENEWED);
        return line.append(" (").append(obtained).append(" obtained, ").append(report.certificates().size())
                .append(" in the run)").toString();
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left in /tmp
            }
        }
    }
}
