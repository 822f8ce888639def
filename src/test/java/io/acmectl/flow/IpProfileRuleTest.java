package io.acmectl.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpProfileRuleTest {
    private static CertificateSpec spec(String server, String profile, String... names) {
        return CertificateSpec.builder(CaServer.resolve(server), List.of(names),
                ChallengeChoice.of(new ChallengeSpec.Standalone(80, null))).profile(profile).build();
    }

    @Test
    void letsEncryptWithAnIpAndNoProfileGetsShortlived() {
        assertEquals("shortlived", IpProfileRule.apply(spec("letsencrypt", null, "192.0.2.10")).profile());
        assertEquals("shortlived", IpProfileRule.apply(spec("letsencrypt-staging", null, "example.com",
                "2001:db8::1")).profile());
        assertEquals("shortlived", IpProfileRule.apply(spec("https://acme-v02.api.letsencrypt.org/directory",
                "shortlived", "192.0.2.10")).profile());
    }

    @Test
    void letsEncryptWithAnIpAndAnotherProfileIsRefused() {
        Failure.BadInput e = assertThrows(Failure.BadInput.class,
                () -> IpProfileRule.apply(spec("letsencrypt", "tlsserver", "192.0.2.10")));
        assertEquals("Let's Encrypt issues certificates for IP addresses only with the 'shortlived' profile, not "
                + "'tlsserver': name --profile shortlived or none", e.getMessage());
    }

    @Test
    void otherCasAndDnsOnlySpecsAreLeftAlone() {
        assertNull(IpProfileRule.apply(spec("letsencrypt", null, "example.com")).profile());
        assertNull(IpProfileRule.apply(spec("google", null, "192.0.2.10")).profile());
        assertEquals("classic", IpProfileRule.apply(spec("zerossl", "classic", "192.0.2.10")).profile());
    }

    @Test
    void anIpv6DefaultLineageNameKeepsTheNameRule() {
        assertEquals(CertificateName.of("2001-db8--1"), CertificateName.defaultFor("2001:db8::1"));
        assertEquals(CertificateName.of("0--1"), CertificateName.defaultFor("::1"));
        assertEquals(CertificateName.of("fe80--"), CertificateName.defaultFor("fe80::"));
        assertEquals(CertificateName.of("192.0.2.10"), CertificateName.defaultFor("192.0.2.10"));
    }
}
