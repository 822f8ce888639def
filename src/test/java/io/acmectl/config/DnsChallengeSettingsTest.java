package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.HostPort;
import io.acmectl.core.Identifier;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code challenge: { dns: ... }} and {@code { dns-persist: ... }}: hooks or RFC 2136, errors where they stand. */
class DnsChallengeSettingsTest {
    @TempDir
    Path dir;

    private WantList load(String yaml) throws Exception {
        return WantListLoader.load(Files.writeString(dir.resolve("want.yaml"), yaml), "letsencrypt");
    }

    private ChallengeSpec only(String challenge) throws Exception {
        WantList list = load("certificates:\n  - name: c\n    domains: [\"*.example.com\", example.com]\n"
                + "    challenge: " + challenge + "\n");
        assertEquals(List.of(), list.rejected(), list.rejected()::toString);
        return list.certificates().get(0).spec().challenges().fallback();
    }

    private void assertOneError(String challenge, String lineColumn, String words) throws Exception {
        WantList list = load("certificates:\n  - name: c\n    domains: [example.com]\n    challenge:\n" + challenge);
        assertEquals(1, list.rejected().size(), list.rejected()::toString);
        List<String> errors = list.rejected().get(0).errors();
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith(dir.resolve("want.yaml") + ":" + lineColumn + ": ")
                && errors.get(0).contains(words), errors.get(0));
    }

    @Test
    void hooksWithTheirTimeout() throws Exception {
        assertEquals(new ChallengeSpec.Dns01(new DnsPublisher.Hook("add.sh", "remove.sh", Duration.ofSeconds(30))),
                only("{ dns: { hook: add.sh, cleanup-hook: remove.sh, hook-timeout: 30 } }"));
        assertEquals(new ChallengeSpec.Dns01(new DnsPublisher.Hook("add.sh", null, null)),
                only("{ dns: { hook: add.sh } }"));
    }

    @Test
    void rfc2136WithItsDefaults() throws Exception {
        ChallengeSpec spec = only("{ dns: { rfc2136: { server: 192.0.2.53, key-name: acme, secret-file: /etc/k } } }");
        assertEquals(new ChallengeSpec.Dns01(new DnsPublisher.Rfc2136(new HostPort("192.0.2.53", 53), null, "acme",
                "hmac-sha256", Path.of("/etc/k"))), spec);
        ChallengeSpec full = only("{ dns: { rfc2136: { server: 192.0.2.53, port: 5353, zone: example.com, "
                + "key-name: acme, algorithm: HMAC-SHA512, secret-file: /etc/k } } }");
        assertEquals(new ChallengeSpec.Dns01(new DnsPublisher.Rfc2136(new HostPort("192.0.2.53", 5353), "example.com",
                "acme", "hmac-sha512", Path.of("/etc/k"))), full);
    }

    @Test
    void dnsPersistTakesTheSamePublishers() throws Exception {
        assertEquals(new ChallengeSpec.DnsPersist01(new DnsPublisher.Hook("add.sh", null, null)),
                only("{ dns-persist: { hook: add.sh } }"));
    }

    @Test
    void aWildcardByDnsAndItsBaseNameByHttpInOneCertificate() throws Exception {
        WantList list = load("""
                certificates:
                  - name: mixed
                    domains: ["*.example.com", www.example.com]
                    challenge:
                      "*.example.com": { dns: { hook: add.sh } }
                      default: { standalone: { port: 8080 } }
                """);
        ChallengeChoice choice = list.certificates().get(0).spec().challenges();
        assertEquals(ChallengeSpec.DNS_01, choice.forIdentifier(Identifier.dns("*.example.com")).challengeType());
    }

    @Test
    void errorsStandWhereTheValueIs() throws Exception {
        assertOneError("      dns: { hook: a.sh, rfc2136: { server: 192.0.2.1, key-name: k, secret-file: f } }\n",
                "5:12", "exactly one publisher");
        assertOneError("      dns: {}\n", "5:12", "exactly one publisher");
        assertOneError("      dns: { hook: a.sh, hook-timeout: 0 }\n", "5:40", "at least 1");
        assertOneError("      dns: { rfc2136: { server: 192.0.2.1, secret-file: f } }\n", "5:23", "needs key-name");
        assertOneError("      dns: { rfc2136: { server: 192.0.2.1, key-name: k, secret-file: f, algorithm: md6 } }\n",
                "5:84", "'md6' is no TSIG algorithm");
        assertOneError("      dns: { rfc2136: { server: 192.0.2.1, port: 70000, key-name: k, secret-file: f } }\n",
                "5:50", "not between 1 and 65535");
        assertOneError("      dns: { hook: a.sh, hooks: b.sh }\n", "5:26", "hooks");
        assertOneError("      dns: { rfc2136: { server: 192.0.2.1, key-name: k, secret-file: f }, cleanup-hook: c }\n",
                "5:89", "belongs to a hook");
    }

    @Test
    void anIpAddressByDnsIsRefusedAtItsName() throws Exception {
        WantList list = load("certificates:\n  - name: ip\n    domains: [192.0.2.10]\n"
                + "    challenge: { dns: { hook: add.sh } }\n");
        assertEquals(1, list.rejected().size(), list.rejected()::toString);
        assertTrue(list.rejected().get(0).errors().get(0).contains("cannot be proven by dns-01"),
                list.rejected()::toString);
    }
}
