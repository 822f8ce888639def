package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.testing.PromText;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** notify and the metrics file after renew and issue --all, against a real Pebble. */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class RunReportingEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path store;

    private Path report() {
        return store.resolve("report.json");
    }

    private Path metrics() {
        return store.resolve("metrics/acmectl.prom");
    }

    private Cli.Result acmectl(Clock clock, String... args) {
        List<String> options = Stream.concat(PEBBLE.options(store).stream(),
                Stream.of("--want", store.resolve("want.yaml").toString())).toList();
        return Cli.run(clock, options, args);
    }

    private Cli.Result acmectl(String... args) {
        return acmectl(Clock.systemUTC(), args);
    }

    /** A want list whose notify command keeps its report and environment, then exits with {@code exit}. */
    private void want(String notifyExtra, String top, String... names) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                notify:
                  command: 'cat > REPORT; echo "$ACMECTL_NOTIFY_REASONS|$ACMECTL_NOTIFY_SUMMARY" > REPORT.env; EXTRA'
                  expiry-days: 10
                TOP
                defaults:
                  agree-tos: true
                  challenge: { standalone: { port: PORT, address: 127.0.0.1 } }
                certificates:
                """.replace("REPORT", report().toString()).replace("EXTRA", notifyExtra).replace("TOP", top)
                .replace("PORT", Integer.toString(PEBBLE.httpPort())));
        for (String name : names) {
            yaml.append("  - name: ").append(name).append("\n    domains: [").append(name).append("]\n");
        }
        Files.writeString(store.resolve("want.yaml"), yaml);
    }

    private JsonNode certificate(JsonNode report, String name) {
        for (JsonNode certificate : report.get("certificates")) {
            if (certificate.get("name").asText().equals(name)) {
                return certificate;
            }
        }
        throw new AssertionError(name + " is not in " + report);
    }

    @Test
    void aRunThatWentWellTellsNobodyAndOneWithAFailureSendsItsReport() throws Exception {
        want("true", "rate-limits: { new-orders: 1 }", "ok.example.test");
        Cli.Result first = acmectl("issue", "--all", "--metrics-file", metrics().toString());
        assertEquals(0, first.exitCode(), first::toString);
        assertFalse(Files.exists(report()), "nothing failed, nothing is near its end: no notification");
        Map<String, Double> samples = PromText.parse(Files.readString(metrics()));
        assertEquals(Instant.parse(Metadata.of(store, "ok.example.test").get("not-after").asText()).getEpochSecond(),
                samples.get("acmectl_certificate_not_after_seconds{name=\"ok.example.test\"}").longValue());
        assertEquals(1.0, samples.get("acmectl_run_certificates{outcome=\"issued\"}"));

        want("true", "rate-limits: { new-orders: 1 }", "ok.example.test", "held.example.test");
        Cli.Result second = acmectl("issue", "--all", "--metrics-file", metrics().toString());
        assertEquals(6, second.exitCode(), "the rate guard's code, whatever the notify command did: " + second);
        JsonNode report = JSON.readTree(report().toFile());
        assertEquals(1, report.get("schemaVersion").asInt(), report::toString);
        assertEquals("issue --all", report.get("run").get("command").asText());
        assertTrue(report.get("run").get("started").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), report::toString);
        assertTrue(report.get("run").get("durationSeconds").asDouble() > 0, report::toString);
        JsonNode held = certificate(report, "held.example.test");
        assertEquals("failed", held.get("outcome").asText(), report::toString);
        assertEquals("held.example.test", held.get("domains").get(0).asText(), "from the want list: " + report);
        assertEquals("rate-guard", held.get("error").get("kind").asText(), report::toString);
        assertTrue(held.get("error").get("message").asText().contains("new-orders"), report::toString);
        JsonNode ok = certificate(report, "ok.example.test");
        assertEquals("unchanged", ok.get("outcome").asText(), report::toString);
        assertTrue(ok.get("error").isNull(), report::toString);
        assertEquals(Instant.parse(Metadata.of(store, "ok.example.test").get("not-after").asText()),
                Instant.parse(ok.get("notAfter").asText()));
        assertFalse(ok.get("expiring").asBoolean());
        assertEquals(1, report.get("counts").get("failed").asInt(), report::toString);
        assertEquals("failed|acmectl issue --all: 1 failed (0 obtained, 2 in the run)",
                Files.readString(Path.of(report() + ".env")).strip());
        Map<String, Double> after = PromText.parse(Files.readString(metrics()));
        assertEquals(1.0, after.get("acmectl_run_certificates{outcome=\"failed\"}"));
        assertFalse(after.containsKey("acmectl_certificate_not_after_seconds{name=\"held.example.test\"}"),
                "a certificate never obtained has no end");
    }

    @Test
    void aLineageWhoseRecordCannotBeReadIsReportedAsFailedNotLeftUntold() throws Exception {
        want("true", "", "broken.example.test");
        Cli.Result issued = acmectl("issue", "--all");
        assertEquals(0, issued.exitCode(), issued::toString);
        Files.writeString(store.resolve("renewal/broken.example.test.json"), "{"); // a hand edit gone wrong
        Cli.Result run = acmectl("renew", "--all", "--no-random-sleep", "--metrics-file", metrics().toString());
        assertEquals(1, run.exitCode(), "the run's failure decides the exit code, not the report: " + run);
        JsonNode report = JSON.readTree(report().toFile());
        assertEquals("failed", certificate(report, "broken.example.test").get("outcome").asText(), report::toString);
        assertTrue(Files.isRegularFile(metrics()), "the metrics file is written too: " + run);
    }

    @Test
    void aCertificateNearItsEndThatNoRunRenewedIsReportedAsExpiring() throws Exception {
        want("true", "", "near.example.test");
        assertEquals(0, acmectl("issue", "--all").exitCode());
        Instant notAfter = Instant.parse(Metadata.of(store, "near.example.test").get("not-after").asText());

        // issue --all leaves a valid certificate alone, however near its end: nothing renews it.
        Cli.Result late = acmectl(Clock.fixed(notAfter.minus(Duration.ofDays(3)), ZoneOffset.UTC), "issue", "--all");
        assertEquals(0, late.exitCode(), late::toString);
        JsonNode report = JSON.readTree(report().toFile());
        JsonNode near = certificate(report, "near.example.test");
        assertTrue(near.get("expiring").asBoolean(), report::toString);
        assertEquals("unchanged", near.get("outcome").asText());
        assertTrue(Files.readString(Path.of(report() + ".env")).startsWith("expiring|acmectl issue --all: 1 expiring "
                + "within 10 days"), report::toString);

        // Renewed by the run that reports: no longer expiring, and nothing calls for a notification.
        Files.delete(report());
        Cli.Result renewed = acmectl(Clock.fixed(notAfter.minus(Duration.ofDays(3)), ZoneOffset.UTC), "renew",
                "--all", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
        assertFalse(Files.exists(report()), renewed::toString);
    }

    @Test
    void aFailingNotifyCommandIsReportedButLeavesTheExitCodeAsTheRunHadIt() throws Exception {
        want("echo no mail today >&2; exit 9", "metrics-file: " + metrics(), "always.example.test");
        Files.writeString(store.resolve("want.yaml"), Files.readString(store.resolve("want.yaml"))
                .replace("  expiry-days: 10", "  expiry-days: 10\n  always: true"));
        Cli.Result run = acmectl("issue", "--all");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("notify hook '") && run.err().contains("' exited with 9: no mail today"),
                run::toString);
        assertEquals("always|acmectl issue --all: all well (1 obtained, 1 in the run)",
                Files.readString(Path.of(report() + ".env")).strip());
        assertTrue(Files.exists(metrics()), "the want list's metrics-file");

        Path other = store.resolve("other.prom");
        Cli.Result renew = acmectl("renew", "--all", "--no-random-sleep", "--metrics-file", other.toString());
        assertEquals(0, renew.exitCode(), renew::toString);
        assertEquals(1.0, PromText.parse(Files.readString(other)).get("acmectl_run_certificates{outcome=\"not-due\"}"),
                "the command line's file over the want list's");

        Cli.Result dry = acmectl("renew", "--all", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertFalse(dry.err().contains("notify"), "a dry run notifies nobody: " + dry);
    }

    @Test
    void aRunThatFailsAsAWholeIsNotifiedToo() throws Exception {
        want("true", "", "x.example.test");
        assertEquals(0, acmectl("issue", "--all").exitCode());
        Cli.Result run = acmectl("renew", "--cert-name", "gone.example.test");
        assertEquals(2, run.exitCode(), run::toString);
        JsonNode report = JSON.readTree(report().toFile());
        assertEquals("bad-input", report.get("run").get("error").get("kind").asText(), report::toString);
        assertTrue(report.get("run").get("error").get("message").asText().contains("gone.example.test"), report::toString);
        assertEquals(0, report.get("certificates").size());
    }

    @Test
    void aSingleIssueTakesNoMetricsFile() {
        Cli.Result run = acmectl("issue", "one.example.test", "--standalone", "--metrics-file", metrics().toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("acmectl: error: --metrics-file goes with issue --all and renew, the runs that report",
                run.err().strip());
    }
}
