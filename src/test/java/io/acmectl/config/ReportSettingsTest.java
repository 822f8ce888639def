package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.Notify;
import io.acmectl.core.Verify;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** notify, metrics-file and verify in the want list: read into core types, or refused where they stand. */
class ReportSettingsTest {
    @TempDir
    Path dir;

    private WantList load(String yaml) throws Exception {
        return WantListLoader.load(Files.writeString(dir.resolve("want.yaml"), yaml), "letsencrypt");
    }

    private String error(String yaml) {
        return assertThrows(Failure.BadInput.class, () -> load(yaml)).getMessage()
                .replace(dir.resolve("want.yaml").toString(), "want.yaml");
    }

    @Test
    void notifyMetricsAndVerifyAreRead() throws Exception {
        WantList list = load("""
                notify: { command: /usr/local/bin/acmectl-notify, expiry-days: 14, always: true, timeout: 30 }
                metrics-file: /var/lib/prometheus/node-exporter/acmectl.prom
                defaults:
                  challenge: { standalone: { port: 80 } }
                  verify: { tls: "127.0.0.1:443" }
                certificates:
                  - name: a
                    domains: [a.example.com]
                  - name: b
                    domains: [b.example.com]
                    verify: { tls: "[::1]:8443" }
                  - name: c
                    domains: [c.example.com]
                    verify: { tls: backend.example.com }
                """);
        assertEquals(new Notify("/usr/local/bin/acmectl-notify", 14, true, Duration.ofSeconds(30)), list.notification());
        assertEquals(Path.of("/var/lib/prometheus/node-exporter/acmectl.prom"), list.metricsFile());
        assertEquals(new Verify(new HostPort("127.0.0.1", 443)), list.certificates().get(0).spec().verify());
        assertEquals(new Verify(new HostPort("::1", 8443)), list.certificates().get(1).spec().verify());
        assertEquals(new Verify(new HostPort("backend.example.com", 443)), list.certificates().get(2).spec().verify());
    }

    @Test
    void withoutThemNobodyIsToldAndNothingIsChecked() throws Exception {
        WantList list = load("""
                notify: { command: "mail -s acmectl root" }
                certificates:
                  - name: a
                    domains: [a.example.com]
                    challenge: { standalone: { port: 80 } }
                """);
        assertEquals(new Notify("mail -s acmectl root", 10, false, Duration.ofSeconds(60)), list.notification());
        assertNull(list.metricsFile());
        assertNull(list.certificates().get(0).spec().verify());
        assertNull(load("certificates: []\n").notification());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "notify: { always: true }|want.yaml:1:9: notify needs a command",
        "notify: { command: x, expiry-days: -1 }|want.yaml:1:36: expiry-days must be a whole number from 0 to 400",
        "notify: { command: x, timeout: 0 }|want.yaml:1:32: timeout must be a whole number of seconds from 1 to 3600",
        "notify: { command: x, timeout: 1m }|want.yaml:1:32: wrong type for 'notify.timeout'",
        "notify: { command: x, mail: root }|want.yaml:1:23: unknown key 'mail'",
        "metrics-file: acmectl.prom|want.yaml:1:15: metrics-file 'acmectl.prom' must be an absolute file path"})
    void aMistakeInTheFilesOwnSettingsStopsTheFileWhereItStands(String yaml, String expected) {
        String message = error(yaml + "\ncertificates: []\n");
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void aWrongVerifyRejectsItsEntryOnly() throws Exception {
        WantList list = load("""
                defaults:
                  challenge: { standalone: { port: 80 } }
                certificates:
                  - name: good
                    domains: [good.example.com]
                  - name: bad
                    domains: [bad.example.com]
                    verify: { tls: "127.0.0.1:99999" }
                  - name: worse
                    domains: [worse.example.com]
                    verify: { tcp: "127.0.0.1:443" }
                """);
        assertEquals(1, list.certificates().size());
        String bad = list.rejected().get(0).errors().get(0).replace(dir.resolve("want.yaml").toString(), "want.yaml");
        assertEquals("want.yaml:8:20: verify tls '127.0.0.1:99999': port 99999 is not between 1 and 65535", bad);
        String worse = list.rejected().get(1).errors().get(0).replace(dir.resolve("want.yaml").toString(), "want.yaml");
        assertTrue(worse.startsWith("want.yaml:11:15: unknown key 'tcp'"), worse);
    }
}
