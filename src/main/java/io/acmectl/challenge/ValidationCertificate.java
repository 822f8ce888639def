package io.acmectl.challenge;

import io.acmectl.core.Identifier;
import io.acmectl.core.KeyType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate tls-alpn-01 presents (RFC 8737 section 3): the identifier as its only
 * subjectAltName (a dNSName, or an iPAddress for an IP identifier, RFC 8738) and the critical
 * acmeIdentifier extension holding the SHA-256 of the key authorization. Built here rather than by
 * acme4j, whose helper signs with RSA only, so EC keys work as well.
 */
final class ValidationCertificate {
    /** id-pe-acmeIdentifier. */
    static final ASN1ObjectIdentifier ACME_IDENTIFIER = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");
    /** The CA looks only at the extension and the name; a short life limits what a stolen one is worth. */
    private static final Duration VALIDITY = Duration.ofDays(7);
    private static final Duration BACKDATED = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ValidationCertificate() {}

    static X509Certificate create(KeyPair key, KeyType keyType, Identifier identifier, String keyAuthorization) {
        Optional<InetAddress> address = TlsAlpnNames.ipAddress(identifier);
        GeneralName name = address
                .map(ip -> new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())))
                .orElseGet(() -> new GeneralName(GeneralName.dNSName, identifier.value()));
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, identifier.value()).build();
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(BACKDATED)), Date.from(now.plus(VALIDITY)), subject, key.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            builder.addExtension(ACME_IDENTIFIER, true, new DEROctetString(sha256(keyAuthorization)));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(keyType)).build(key.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the tls-alpn-01 certificate for " + identifier, e);
        }
    }

    /** The 32 bytes the acmeIdentifier extension carries. */
    static byte[] sha256(String keyAuthorization) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String signatureAlgorithm(KeyType keyType) {
        return switch (keyType) {
            case EC256 -> "SHA256withECDSA";
            case EC384 -> "SHA384withECDSA";
            case RSA2048, RSA3072, RSA4096 -> "SHA256withRSA";
        };
    }
}
