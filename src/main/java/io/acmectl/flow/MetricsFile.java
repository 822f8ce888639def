package io.acmectl.flow;

import io.acmectl.core.StoredCertificate;
import io.acmectl.files.AtomicFiles;
import io.acmectl.renewal.RenewalCheck;
import io.acmectl.renewal.RenewalDecision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Prometheus textfile-collector file (node_exporter's {@code --collector.textfile.directory}),
 * in the text exposition format 0.0.4: per stored certificate its end, last success, last failure
 * and next renewal; per run its duration, end and a count per outcome. Written whole and atomically,
 * since the collector may read it at any moment, and readable by all (0644): it holds no secret.
 */
final class MetricsFile {
    private static final String PREFIX = "acmectl_";

    private final RenewalCheck check = new RenewalCheck();

    /** The file's text: every certificate of the store at {@code now}, and the run's report. */
    String render(List<StoredCertificate> certificates, RunReport report, Instant now) {
        StringBuilder text = new StringBuilder();
        perCertificate(text, "certificate_not_after_seconds", "When the certificate expires (Unix time).",
                certificates, c -> seconds(c.notAfter()));
        perCertificate(text, "certificate_last_success_timestamp_seconds",
                "When the certificate's newest version was issued (Unix time).", certificates,
                c -> seconds(c.issuedAt()));
        perCertificate(text, "certificate_last_failure_timestamp_seconds",
                "When obtaining the certificate last failed since its newest version (Unix time; 0: never).",
                certificates, c -> c.renewal().lastFailureAt() == null ? "0" : seconds(c.renewal().lastFailureAt()));
        perCertificate(text, "certificate_next_renewal_timestamp_seconds",
                "When the certificate is due for renewal (Unix time; absent when revoked).", certificates,
                c -> nextRenewal(c, now));
        header(text, "run_duration_seconds", "How long the last run took.");
        sample(text, "run_duration_seconds", "", String.format(Locale.ROOT, "%.3f", report.run().durationSeconds()));
        header(text, "run_timestamp_seconds", "When the last run ended (Unix time).");
        sample(text, "run_timestamp_seconds", "", seconds(now));
        header(text, "run_certificates", "Certificates of the last run, by outcome.");
        for (RunReport.Outcome outcome : RunReport.Outcome.values()) {
            sample(text, "run_certificates", label("outcome", outcome.id()), Long.toString(report.count(outcome)));
        }
        return text.toString();
    }

    void write(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), AtomicFiles.PUBLIC);
    }

    private static void perCertificate(StringBuilder text, String name, String help,
            List<StoredCertificate> certificates, Function<StoredCertificate, String> value) {
        header(text, name, help);
        for (StoredCertificate certificate : certificates) {
            String sample = value.apply(certificate);
            if (sample != null) {
                sample(text, name, label("name", certificate.name().value()), sample);
            }
        }
    }

    private String nextRenewal(StoredCertificate certificate, Instant now) {
        RenewalDecision decision = check.decide(certificate, now);
        return decision.dueAt() == null ? null : seconds(decision.dueAt());
    }

    private static void header(StringBuilder text, String name, String help) {
        text.append("# HELP ").append(PREFIX).append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(PREFIX).append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder text, String name, String labels, String value) {
        text.append(PREFIX).append(name).append(labels).append(' ').append(value).append('\n');
    }

    /** {@code {key="value"}}, the value escaped as the format asks: backslash, double quote, line feed. */
    static String label(String key, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{" + key + "=\"" + escaped + "\"}";
    }

    private static String seconds(Instant instant) {
        return instant == null ? null : Long.toString(instant.getEpochSecond());
    }
}
