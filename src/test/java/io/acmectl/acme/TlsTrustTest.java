package io.acmectl.acme;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.Pem;
import io.acmectl.testing.PemTlsServer;
import io.acmectl.testing.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA bundle adds trust; it never takes away the host name check, nor trusts what neither the bundle
 * nor the system trusts. Against a real TLS server on 127.0.0.1, over a socket and over java.net.http
 * (which hands the trust manager an SSLEngine).
 */
class TlsTrustTest {
    @TempDir
    Path dir;

    private Path bundle(TestCertificates.Issued ca) throws Exception {
        return Files.writeString(dir.resolve("bundle.pem"), Pem.certificate(ca.certificate()));
    }

    private PemTlsServer serving(TestCertificates.Issued leaf, TestCertificates.Issued ca) throws Exception {
        Path served = dir.resolve("served");
        Files.createDirectories(served);
        Files.writeString(served.resolve("fullchain.pem"), Pem.certificates(List.of(leaf.certificate(), ca.certificate())));
        Files.writeString(served.resolve("privkey.pem"), Pem.keyPair(leaf.key()));
        return PemTlsServer.serving(served);
    }

    /** A handshake with the host name checked as HTTPS does: as {@code host}, at the server's port. */
    private static void handshake(SSLContext context, String host, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.equals("127.0.0.1")) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
        }
    }

    @Test
    void aServerTheBundleTrustsUnderItsOwnNameIsTrusted() throws Exception {
        TestCertificates.Issued ca = TestCertificates.certificateAuthority();
        try (PemTlsServer server = serving(TestCertificates.localhost(ca), ca)) {
            handshake(TlsTrust.context(bundle(ca)), "127.0.0.1", server.port());
        }
    }

    @Test
    void aServerTheBundleTrustsUnderAnotherNameIsRefusedOverASocketAndOverHttp() throws Exception {
        TestCertificates.Issued ca = TestCertificates.certificateAuthority();
        try (PemTlsServer server = serving(TestCertificates.forName(ca, "other.example.test"), ca)) {
            SSLContext context = TlsTrust.context(bundle(ca));
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                    () -> handshake(context, "127.0.0.1", server.port()));
            assertTrue(String.valueOf(refused.getMessage()).contains("127.0.0.1"), refused::getMessage);

            HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/"))
                    .timeout(Duration.ofSeconds(5)).build();
            assertThrows(SSLHandshakeException.class, () -> client.send(request, HttpResponse.BodyHandlers.discarding()));
        }
    }

    @Test
    void aServerNeitherTheBundleNorTheSystemTrustsIsRefused() throws Exception {
        TestCertificates.Issued ca = TestCertificates.certificateAuthority();
        TestCertificates.Issued stranger = TestCertificates.certificateAuthority();
        try (PemTlsServer server = serving(TestCertificates.localhost(stranger), stranger)) {
            SSLContext context = TlsTrust.context(bundle(ca));
            assertThrows(SSLHandshakeException.class, () -> handshake(context, "127.0.0.1", server.port()));
        }
    }
}
