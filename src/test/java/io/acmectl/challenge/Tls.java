package io.acmectl.challenge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A loopback TLS client that asks as a CA validating tls-alpn-01 does: an SNI name, the ALPN
 * protocols given, any certificate accepted (the CA checks the extension, not a chain). Every read
 * is bounded, so a listener that never answers fails a test instead of hanging it.
 */
final class Tls {
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    /** What the handshake gave: the protocol agreed and the server's certificate. */
    record Handshake(String applicationProtocol, X509Certificate certificate, int chainLength) {}

    private Tls() {}

    /**
     * Handshakes with SNI {@code sni} (none when null), offering {@code alpn}; throws when the
     * listener refuses. A client context kept between calls offers to resume its last session.
     */
    static Handshake handshake(SSLContext client, int port, String tlsVersion, String sni, String... alpn)
            throws IOException {
        Socket plain = new Socket(InetAddress.getByName("127.0.0.1"), port);
        plain.setSoTimeout(READ_TIMEOUT_MILLIS);
        try (SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(new String[] {tlsVersion});
            parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            if (alpn.length > 0) {
                parameters.setApplicationProtocols(alpn);
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            var chain = tls.getSession().getPeerCertificates();
            return new Handshake(tls.getApplicationProtocol(), (X509Certificate) chain[0], chain.length);
        } finally {
            plain.close();
        }
    }

    static Handshake handshake(int port, String tlsVersion, String sni, String... alpn) throws IOException {
        return handshake(client(), port, tlsVersion, sni, alpn);
    }

    /** A client context of its own, with its own session cache. */
    static SSLContext client() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TrustingEveryone extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
