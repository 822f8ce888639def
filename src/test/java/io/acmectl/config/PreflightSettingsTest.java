package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.PreflightChecks;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The want list's run-level checks before the CA is asked, and the per-certificate preferred chain. */
class PreflightSettingsTest {
    @TempDir
    Path dir;

    private WantList load(String yaml) throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Path file = dir.resolve("want.yaml");
        Files.writeString(file, yaml.replace("WEBROOT", www.toString()));
        return WantListLoader.load(file, "letsencrypt");
    }

    @Test
    void aWantListThatSaysNothingLeavesTheChecksToTheDefaults() throws Exception {
        assertNull(load("certificates: []\n").checks());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        WantList wanted = load("""
                self-check: false
                ca-validation-ports: "5002,5001"
                self-check-resolver: 127.0.0.1:8053
                dns-resolver: "[::1]:53"
                dns-propagation-timeout: 30
                certificates: []
                """);
        assertEquals(new PreflightChecks(false, 5002, 5001, new HostPort("127.0.0.1", 8053), new HostPort("::1", 53),
                Duration.ofSeconds(30), null), wanted.checks());
    }

    @Test
    void thePortsMayBeAListAndWhatIsLeftOutStaysAsByDefault() throws Exception {
        PreflightChecks checks = load("ca-validation-ports: [8080, 8443]\ncertificates: []\n").checks();
        assertEquals(PreflightChecks.DEFAULT.withCaValidationPorts(8080, 8443), checks);
    }

    @Test
    void aPortOutOfRangeNamesWhereItStands() throws Exception {
        Failure.BadInput e = assertThrows(Failure.BadInput.class,
                () -> load("certificates: []\nca-validation-ports: [80, 70000]\n"));
        assertTrue(e.getMessage().contains("want.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("port 70000 is not between 1 and 65535"), e.getMessage());
    }

    @Test
    void aPreferredChainIsReadFromTheEntryElseFromTheDefaults() throws Exception {
        WantList wanted = load("""
                defaults:
                  challenge: { webroot: WEBROOT }
                  preferred-chain: Pebble Root CA 1
                certificates:
                  - name: a
                    domains: [a.example.com]
                  - name: b
                    domains: [b.example.com]
                    preferred-chain: "ISRG Root X2"
                """);
        assertEquals("Pebble Root CA 1", wanted.certificates().get(0).spec().preferredChain());
        assertEquals("ISRG Root X2", wanted.certificates().get(1).spec().preferredChain());
    }
}
