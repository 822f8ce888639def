package io.acmectl.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import io.acmectl.core.KeyType;

/** A CA and a localhost leaf for Pebble's own HTTPS listener, made fresh for every test run. */
public final class TestCertificates {
    public record Issued(KeyPair key, X509Certificate certificate) {}

    private TestCertificates() {}

    public static Issued certificateAuthority() throws Exception {
        KeyPair key = KeyType.EC256.generate();
        X500Name name = new X500Name("CN=acmectl test TLS CA");
        X509v3CertificateBuilder builder = builder(name, name, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(key, sign(builder, key));
    }

    public static Issued localhost(Issued ca) throws Exception {
        return leaf(ca, "localhost", new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }

    /** A leaf for one DNS name only. */
    public static Issued forName(Issued ca, String name) throws Exception {
        return leaf(ca, name, new GeneralName(GeneralName.dNSName, name));
    }

    private static Issued leaf(Issued ca, String commonName, GeneralName... names) throws Exception {
        KeyPair key = KeyType.EC256.generate();
        X509v3CertificateBuilder builder = builder(
                new X500Name(ca.certificate().getSubjectX500Principal().getName()), new X500Name("CN=" + commonName),
                key);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return new Issued(key, sign(builder, ca.key()));
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                key.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }
}
