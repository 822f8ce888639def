package io.acmectl.store;

import io.acmectl.core.KeyType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Small certificate chains for store tests: what is stored matters here, not whether a CA would sign it. */
final class TestChains {
    private static long serial = System.currentTimeMillis();

    private TestChains() {}

    /** A leaf for {@code key} and an "intermediate" that signed it. */
    static List<X509Certificate> chainFor(KeyPair key, String name) throws Exception {
        KeyPair issuerKey = KeyType.EC256.generate();
        X509Certificate issuer = sign("CN=test intermediate", "CN=test intermediate", issuerKey.getPublic(), issuerKey);
        return List.of(sign("CN=test intermediate", "CN=" + name, key.getPublic(), issuerKey), issuer);
    }

    private static synchronized X509Certificate sign(String issuer, String subject, java.security.PublicKey key,
            KeyPair signer) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(++serial), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(90))), new X500Name(subject), key)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    static boolean sameKey(KeyPair a, KeyPair b) {
        return java.util.Arrays.equals(a.getPublic().getEncoded(), b.getPublic().getEncoded())
                && java.util.Arrays.equals(a.getPrivate().getEncoded(), b.getPrivate().getEncoded());
    }
}
