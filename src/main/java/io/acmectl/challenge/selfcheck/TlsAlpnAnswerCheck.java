package io.acmectl.challenge.selfcheck;

import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * The tls-alpn-01 self-check (RFC 8737 section 3): a handshake with the name's address on the CA's
 * TLS validation port, with the SNI name the CA sends ({@code sniName}: the name, or an address's
 * reverse name, RFC 8738) and ALPN {@code acme-tls/1} only; the certificate that comes back must
 * carry the critical acmeIdentifier extension with the SHA-256 of the key authorization, and the
 * identifier as its one SAN. The certificate is self-signed by design: it is not checked for trust.
 */
public final class TlsAlpnAnswerCheck {
    public static final String ALPN = "acme-tls/1";
    static final String ACME_IDENTIFIER = "1.3.6.1.5.5.7.1.31";

    private final Addresses addresses;
    private final int port;

    public TlsAlpnAnswerCheck(PreflightChecks checks) {
        this.addresses = new Addresses(checks.selfCheckResolver());
        this.port = checks.caTlsPort();
    }

    /** Empty when the CA will see the right certificate; else what came back instead. */
    public Optional<Mismatch> check(Identifier identifier, String sniName, String keyAuthorization) {
        String fetched = "tls://" + (identifier.value().contains(":") ? "[" + identifier.value() + "]"
                : identifier.value()) + ":" + port + " (SNI " + sniName + ", ALPN " + ALPN + ")";
        X509Certificate certificate;
        try {
            certificate = handshake(addresses.of(identifier), sniName);
        } catch (IOException e) {
            return Optional.of(new Mismatch(fetched, Addresses.reason(e, identifier.value() + ":" + port)));
        }
        return problem(certificate, identifier, keyAuthorization).map(got -> new Mismatch(fetched, got));
    }

    /** The first address that takes the connection answers; a refused one gives way to the next. */
    private X509Certificate handshake(List<InetAddress> found, String sniName) throws IOException {
        IOException last = new java.net.UnknownHostException("no address");
        for (InetAddress address : found) {
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(address, port), (int) HttpExchange.TIMEOUT.toMillis());
                plain.setSoTimeout((int) HttpExchange.TIMEOUT.toMillis());
                try (SSLSocket socket = (SSLSocket) TrustAll.context().getSocketFactory()
                        .createSocket(plain, sniName, port, true)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(sniName)));
                    parameters.setApplicationProtocols(new String[] {ALPN});
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    if (!ALPN.equals(socket.getApplicationProtocol())) {
                        throw new IOException("the server did not negotiate " + ALPN);
                    }
                    return (X509Certificate) socket.getSession().getPeerCertificates()[0];
                }
            } catch (java.net.ConnectException | java.net.NoRouteToHostException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Optional<String> problem(X509Certificate certificate, Identifier identifier,
            String keyAuthorization) {
        if (certificate.getCriticalExtensionOIDs() == null
                || !certificate.getCriticalExtensionOIDs().contains(ACME_IDENTIFIER)) {
            return Optional.of("a certificate without the critical acmeIdentifier extension (subject "
                    + certificate.getSubjectX500Principal().getName() + ")");
        }
        byte[] value = certificate.getExtensionValue(ACME_IDENTIFIER);
        byte[] digest;
        try {
            digest = ASN1OctetString.getInstance(ASN1OctetString.getInstance(value).getOctets()).getOctets();
        } catch (IllegalArgumentException e) {
            return Optional.of("a certificate whose acmeIdentifier extension is not an OCTET STRING");
        }
        if (!Arrays.equals(digest, sha256(keyAuthorization))) {
            return Optional.of("a certificate for another key authorization (an earlier token, or another "
                    + "server on that port)");
        }
        if (!coversOnly(certificate, identifier)) {
            return Optional.of("a certificate whose subject alternative names are not exactly " + identifier.value());
        }
        return Optional.empty();
    }

    /** One SAN, the identifier: a dNSName for a name, an iPAddress for an address. */
    private static boolean coversOnly(X509Certificate certificate, Identifier identifier) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null || names.size() != 1) {
                return false;
            }
            List<?> name = names.iterator().next();
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (identifier.isIp()) {
                return type == 7 && InetAddress.getByName(value).equals(InetAddress.getByName(identifier.value()));
            }
            return type == 2 && value.toLowerCase(Locale.ROOT).equals(identifier.value().toLowerCase(Locale.ROOT));
        } catch (CertificateParsingException | IOException e) {
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
