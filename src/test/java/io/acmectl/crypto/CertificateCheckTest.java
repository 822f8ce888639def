package io.acmectl.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.acmectl.core.KeyType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class CertificateCheckTest {
    private static final KeyPair KEY = KeyType.EC256.generate();

    @Test
    void ipSansCompareInNormalFormOnBothSides() throws Exception {
        X509Certificate certificate = certificate(new GeneralName(GeneralName.iPAddress, "192.0.2.10"),
                new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "Example.COM"));
        assertEquals(Set.of("192.0.2.10", "2001:db8::1", "::1", "example.com"),
                CertificateCheck.subjectAltNames(certificate));
        assertNull(CertificateCheck.problem(certificate, KEY, List.of("192.0.2.10", "2001:db8::1", "::1",
                "example.com")));
        assertNull(CertificateCheck.problem(certificate, KEY, List.of("192.0.2.10", "2001:DB8:0:0:0:0:0:1",
                "0:0:0:0:0:0:0:1", "example.com")));
    }

    @Test
    void anIpMoreOrLessIsAProblem() throws Exception {
        X509Certificate certificate = certificate(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.2"));
        assertEquals("the certificate covers [127.0.0.1, 127.0.0.2] but [127.0.0.1] was asked for",
                CertificateCheck.problem(certificate, KEY, List.of("127.0.0.1")));
        assertEquals("the certificate covers [127.0.0.1, 127.0.0.2] but [127.0.0.1, 127.0.0.2, ::1] was asked for",
                CertificateCheck.problem(certificate, KEY, List.of("127.0.0.1", "127.0.0.2", "::1")));
    }

    private static X509Certificate certificate(GeneralName... sans) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=acmectl test");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                KEY.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate())));
    }
}
