package io.acmectl.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.shredzone.acme4j.util.KeyPairUtils;

/** PEM text for keys and certificates: the one place that encodes and decodes them. */
public final class Pem {
    private static final Base64.Encoder BASE64 =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    public static String keyPair(KeyPair keyPair) {
        try {
            StringWriter out = new StringWriter();
            KeyPairUtils.writeKeyPair(keyPair, out);
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a key pair", e);
        }
    }

    /** Reads a key pair; the file name goes into the message of the {@link IOException}. */
    public static KeyPair readKeyPair(String pem, String source) throws IOException {
        try {
            KeyPair keyPair = KeyPairUtils.readKeyPair(new StringReader(pem));
            if (keyPair == null) {
                throw new IOException(source + " holds no private key");
            }
            return keyPair;
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + " is not a PEM private key: " + e.getMessage(), e);
        }
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
