package io.acmectl.crypto;

import io.acmectl.core.Quote;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** PEM text for keys and certificates: the one place that encodes and decodes them. */
public final class Pem {
    /** How many PEM blocks are looked through for a key (a key file with its chain has a few). */
    private static final int MAX_BLOCKS = 32;
    private static final Base64.Encoder BASE64 =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    /**
     * PKCS#8 ({@code PRIVATE KEY}), as certbot and OpenSSL write it: readable by nginx, Apache, HAProxy
     * and Go. (acme4j's writer loses the curve of a JDK EC key, leaving a file nothing can load.)
     */
    public static String keyPair(KeyPair keyPair) {
        return "-----BEGIN PRIVATE KEY-----\n" + BASE64.encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * Reads a private key in PKCS#8 or the traditional {@code EC/RSA PRIVATE KEY} form, with its
     * public half (derived where the file does not hold it), from the first key among the file's PEM
     * blocks. {@code source} names the file in errors, which say what the file holds instead: an
     * encrypted key, a certificate, a public key, a key of an algorithm we cannot use.
     */
    public static KeyPair readKeyPair(String pem, String source) throws IOException {
        String found = "no PEM private key";
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (int i = 0; i < MAX_BLOCKS; i++) {
                Object parsed = next(parser, source);
                if (parsed == null) {
                    break;
                }
                PrivateKeyInfo info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                        : parsed instanceof PrivateKeyInfo plain ? plain : null;
                if (info != null) {
                    return keyPair(parsed, info, source);
                }
                found = found.startsWith("no ") ? notAKey(parsed) : found;
            }
        }
        throw new IOException(source + " holds " + found);
    }

    private static Object next(PEMParser parser, String source) throws IOException {
        try {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + " is not a readable PEM file: "
                    + Quote.cut(String.valueOf(e.getMessage()), 100), e);
        }
    }

    private static KeyPair keyPair(Object parsed, PrivateKeyInfo info, String source) throws IOException {
        String unusable = AcceptedKeys.unusable(info);
        if (unusable != null) {
            throw new IOException(source + " holds " + unusable);
        }
        try {
            return parsed instanceof PEMKeyPair traditional ? new JcaPEMKeyConverter().getKeyPair(traditional)
                    : PublicKeys.complete(info);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException(source + " holds an unreadable private key: "
                    + Quote.cut(String.valueOf(e.getMessage()), 100), e);
        }
    }

    /** What a PEM block that is not a private key is, for the error that says so. */
    private static String notAKey(Object parsed) {
        if (parsed instanceof PKCS8EncryptedPrivateKeyInfo || parsed instanceof PEMEncryptedKeyPair) {
            return "an encrypted private key: acmectl reads unencrypted keys only; decrypt it with "
                    + "'openssl pkey -in FILE -out key.pem' and keep key.pem private (chmod 600)";
        }
        if (parsed instanceof X509CertificateHolder) {
            return "a certificate, not a private key";
        }
        if (parsed instanceof SubjectPublicKeyInfo) {
            return "a public key, not a private key";
        }
        return "no private key (only " + parsed.getClass().getSimpleName() + ")";
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + BASE64.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        certificates.forEach(c -> out.append(certificate(c)));
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    public static List<X509Certificate> readCertificates(String pem, String source) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = (List<X509Certificate>) (List<?>)
                    List.copyOf(factory.generateCertificates(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
            if (certificates.isEmpty()) {
                throw new IOException(source + " holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException(source + " is not a PEM certificate: "
                    + Quote.cut(String.valueOf(e.getMessage()), 100), e);
        }
    }
}
