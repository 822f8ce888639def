package io.acmectl.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.testing.PromText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The textfile-collector file, read back by a strict reader of the exposition format. */
class MetricsFileTest {
    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

    @TempDir
    Path folder;

    static StoredCertificate certificate(String name, Instant issued, Duration life) {
        return certificate(name, issued, life, "0a1b");
    }

    static StoredCertificate certificate(String name, Instant issued, Duration life, String serial) {
        CertificateSpec spec = CertificateSpec.builder(CaServer.resolve("https://127.0.0.1:14000/dir"),
                List.of(name), ChallengeChoice.of(new ChallengeSpec.Standalone(80, null))).build();
        return StoredCertificate.issued(CertificateName.of(name), serial, issued, issued, issued.plus(life), spec,
                "https://127.0.0.1:14000/my-account/1").withVersion(1);
    }

    private static RunReport report(List<CertificateOutcome> outcomes) {
        RunReport.RunInfo info = new RunReport.RunInfo("renew", NOW, Duration.ofMillis(1234));
        return new RunReport(1, RunReport.RunPart.of(info, null), Map.of("renewed", 1L, "failed", 1L), List.of(),
                List.of());
    }

    @Test
    void everyCertificateAndTheRunAreThereOnceWithHelpAndType() throws Exception {
        StoredCertificate fresh = certificate("fresh.example.test", NOW.minus(Duration.ofDays(1)), Duration.ofDays(90));
        StoredCertificate failing = certificate("failing.example.test", NOW.minus(Duration.ofDays(70)),
                Duration.ofDays(90));
        failing = failing.withRenewal(RenewalState.NONE.withFailure("the CA said no", NOW.minusSeconds(60)));
        StoredCertificate revoked = certificate("revoked.example.test", NOW.minus(Duration.ofDays(2)),
                Duration.ofDays(90)).revoked(NOW.minusSeconds(5), "keyCompromise");
        MetricsFile file = new MetricsFile();
        String text = file.render(List.of(fresh, failing, revoked), report(List.of()), NOW);

        Map<String, Double> samples = PromText.parse(text);
        assertEquals((double) fresh.notAfter().getEpochSecond(),
                samples.get("acmectl_certificate_not_after_seconds{name=\"fresh.example.test\"}"));
        assertEquals((double) fresh.issuedAt().getEpochSecond(),
                samples.get("acmectl_certificate_last_success_timestamp_seconds{name=\"fresh.example.test\"}"));
        assertEquals(0.0, samples.get("acmectl_certificate_last_failure_timestamp_seconds{name=\"fresh.example.test\"}"));
        assertEquals((double) NOW.minusSeconds(60).getEpochSecond(),
                samples.get("acmectl_certificate_last_failure_timestamp_seconds{name=\"failing.example.test\"}"));
        RenewalDecision due = new io.acmectl.renewal.RenewalCheck().decide(fresh, NOW);
        assertEquals((double) due.dueAt().getEpochSecond(),
                samples.get("acmectl_certificate_next_renewal_timestamp_seconds{name=\"fresh.example.test\"}"));
        assertFalse(samples.containsKey("acmectl_certificate_next_renewal_timestamp_seconds{name=\"revoked.example.test\"}"),
                "a revoked certificate is never renewed");
        assertEquals(1.234, samples.get("acmectl_run_duration_seconds"));
        assertEquals((double) NOW.getEpochSecond(), samples.get("acmectl_run_timestamp_seconds"));
        assertEquals(1.0, samples.get("acmectl_run_certificates{outcome=\"renewed\"}"));
        assertEquals(0.0, samples.get("acmectl_run_certificates{outcome=\"not-due\"}"), "every outcome, zeros too");
        assertEquals(RunReport.Outcome.values().length,
                samples.keySet().stream().filter(s -> s.startsWith("acmectl_run_certificates{")).count());
        assertTrue(text.contains("# HELP acmectl_certificate_not_after_seconds "), text);
        assertTrue(text.contains("# TYPE acmectl_run_certificates gauge\n"), text);

        Path target = folder.resolve("acmectl.prom");
        file.write(target, text);
        assertEquals(text, Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "node_exporter runs as a user of its own");
    }

    @Test
    void labelValuesAreEscapedAsTheFormatAsks() {
        String label = MetricsFile.label("name", "a\"b\\c\nd");
        assertEquals("{name=\"a\\\"b\\\\c\\nd\"}", label);
        Map<String, Double> samples = PromText.parse("# TYPE x gauge\nx" + label + " 1\n");
        assertEquals(1.0, samples.get("x" + label));
    }

    @Test
    void theStrictReaderRefusesWhatTheFormatDoesNotAllow() {
        assertThrows(IllegalArgumentException.class, () -> PromText.parse("x 1\n"), "no TYPE");
        assertThrows(IllegalArgumentException.class, () -> PromText.parse("# TYPE x gauge\nx{name=\"a\"b\"} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PromText.parse("# TYPE x gauge\nx 1"), "no final line feed");
        assertThrows(IllegalArgumentException.class, () -> PromText.parse(
                "# TYPE x gauge\n# TYPE y gauge\nx 1\ny 1\nx{a=\"b\"} 2\n"), "x in two groups");
        assertThrows(IllegalArgumentException.class, () -> PromText.parse("# TYPE x gauge\nx 1\nx 2\n"), "twice");
        assertThrows(IllegalArgumentException.class, () -> PromText.parse("# TYPE x gauge\nx one\n"));
    }

    @Test
    void failuresGetAKindFromTheirType() {
        assertEquals("ca-refused", RunReports.error(new Failure.CaRefused("no")).kind());
        assertEquals("rate-guard", RunReports.error(new Failure.RateGuard("held", NOW)).kind());
        assertEquals("internal", RunReports.error(new IllegalStateException("bug")).kind());
    }
}
