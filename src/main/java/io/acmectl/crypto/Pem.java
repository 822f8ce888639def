package io.acmectl.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM text for keys and certificates: the one place that encodes and decodes them. */
public final class Pem {
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
     * public half (derived where the file does not hold it). {@code source} names the file in errors.
     */
    public static KeyPair readKeyPair(String pem, String source) throws IOException {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + " is not a PEM private key: " + e.getMessage(), e);
        }
        try {
            if (parsed instanceof PEMKeyPair traditional) {
                return new JcaPEMKeyConverter().getKeyPair(traditional);
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return PublicKeys.complete(info);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException(source + " holds an unreadable private key: " + e.getMessage(), e);
        }
        throw new IOException(source + " holds no private key");
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
            throw new IOException(source + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
