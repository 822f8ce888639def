package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dns-01 and dns-persist-01 with their publisher, as the store writes and reads them back. */
class DnsChallengeRecordTest {
    private static CertificateSpec roundTrip(CertificateSpec spec) throws Exception {
        byte[] written = Documents.bytes(SettingsRecord.of(spec, "https://ca.example/acct/1"));
        return Documents.read(written, SettingsRecord.class).toSpec();
    }

    private static CertificateSpec spec(ChallengeChoice choice) {
        return CertificateSpec.builder(CaServer.resolve("letsencrypt"), List.of("*.example.com", "example.com"), choice)
                .build();
    }

    @Test
    void hooksAndRfc2136KeepTheirSettings() throws Exception {
        ChallengeSpec hook = new ChallengeSpec.Dns01(new DnsPublisher.Hook("add.sh", "rm.sh", Duration.ofSeconds(45)));
        ChallengeSpec rfc = new ChallengeSpec.DnsPersist01(new DnsPublisher.Rfc2136(new HostPort("::1", 5353),
                "example.com", "acme", "hmac-sha512", Path.of("/etc/acmectl/tsig.key")));
        CertificateSpec spec = spec(new ChallengeChoice(hook, Map.of("*.example.com", rfc)));
        assertEquals(spec.challenges(), roundTrip(spec).challenges());
    }

    @Test
    void theSecretIsNeverWrittenOnlyItsFile() throws Exception {
        ChallengeSpec rfc = new ChallengeSpec.Dns01(new DnsPublisher.Rfc2136(new HostPort("192.0.2.53", 53), null,
                "acme", null, Path.of("/etc/acmectl/tsig.key")));
        String json = new String(Documents.bytes(SettingsRecord.of(spec(ChallengeChoice.of(rfc)), null)),
                StandardCharsets.UTF_8).replaceAll("\\s", "");
        assertTrue(json.contains("\"secret-file\":\"/etc/acmectl/tsig.key\""), json);
        assertTrue(json.contains("\"server\":\"192.0.2.53:53\""), json);
        assertFalse(json.contains("secret\":"), json);
    }

    @Test
    void aDnsChallengeWithoutPublisherIsAClearError() {
        String json = "{\"server\":\"https://ca.example/dir\",\"domains\":[\"example.com\"],"
                + "\"challenge\":{\"type\":\"dns-01\"}}";
        Failure.BadInput failure = assertThrows(Failure.BadInput.class,
                () -> Documents.read(json.getBytes(StandardCharsets.UTF_8), SettingsRecord.class).toSpec());
        assertTrue(failure.getMessage().contains("names no publisher"), failure::getMessage);
    }

    @Test
    void earlierFilesStillLoad() throws Exception {
        String json = "{\"server\":\"https://ca.example/dir\",\"domains\":[\"example.com\"],"
                + "\"challenge\":{\"type\":\"http-01\",\"port\":8080}}";
        assertEquals(new ChallengeSpec.Standalone(8080, null),
                Documents.read(json.getBytes(StandardCharsets.UTF_8), SettingsRecord.class).toSpec().challenges()
                        .fallback());
    }
}
