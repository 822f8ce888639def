package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Hooks;
import io.acmectl.core.HostPort;
import io.acmectl.core.Notify;
import io.acmectl.core.Verify;
import io.acmectl.core.WantList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate's deploy check stays with its lineage; notify and metrics-file survive the want-list cache. */
class ReportSettingsStoreTest {
    @TempDir
    Path root;

    private static CertificateSpec spec(Verify verify) {
        return CertificateSpec.builder(CaServer.resolve("letsencrypt"), List.of("www.example.com"),
                ChallengeChoice.of(new ChallengeSpec.Standalone(80, null))).verify(verify).build();
    }

    @Test
    void theDeployCheckIsKeptInTheSettingsAndAbsentWithoutOne() {
        Verify verify = new Verify(new HostPort("::1", 8443));
        assertEquals(verify, SettingsRecord.of(spec(verify), null).toSpec().verify());
        assertNull(SettingsRecord.of(spec(null), null).verify(), "no key written for no check");
        assertNull(SettingsRecord.of(spec(null), null).toSpec().verify());
    }

    @Test
    void notifyAndTheMetricsFileAreReadBackFromTheCache() {
        FileStore store = new FileStore(root);
        WantList wantList = new WantList(Path.of("/etc/acmectl/want.yaml"), Hooks.NONE,
                List.of(new WantList.Wanted(CertificateName.of("www.example.com"),
                        spec(new Verify(new HostPort("127.0.0.1", 443))), List.of(), true)))
                .withReporting(new Notify("/usr/local/bin/acmectl-notify", 7, true, Duration.ofSeconds(30)),
                        Path.of("/var/lib/node-exporter/acmectl.prom"));
        WantList first = store.cachedWantList("k", () -> wantList);
        WantList cached = store.cachedWantList("k", () -> {
            throw new AssertionError("the cache must be used");
        });
        assertEquals(first, cached);
        assertEquals(wantList.notification(), cached.notification());
        assertEquals(wantList.metricsFile(), cached.metricsFile());
        assertEquals(wantList.certificates().get(0).spec().verify(), cached.certificates().get(0).spec().verify());
    }
}
