package io.acmectl.testing;

import io.acmectl.crypto.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny TLS server on 127.0.0.1, as a web server that reloads would be: on every connection it reads
 * {@code fullchain.pem} and {@code privkey.pem} from its folder afresh, so it presents whatever a
 * deploy hook last copied there; with no files there, it closes the connection. Every read is bounded.
 */
public final class PemTlsServer implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final Path folder;
    private final ServerSocket listener;
    private final Thread acceptor;

    private PemTlsServer(Path folder) throws IOException {
        this.folder = folder;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptAll, "pem-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves the PEM files in {@code folder} (made if missing). */
    public static PemTlsServer serving(Path folder) throws IOException {
        Files.createDirectories(folder);
        return new PemTlsServer(folder);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try (Socket plain = listener.accept()) {
                plain.setSoTimeout(READ_TIMEOUT_MILLIS);
                serve(plain);
            } catch (IOException | RuntimeException e) {
                // one connection failed (or the listener closed): the next is served afresh
            }
        }
    }

    private void serve(Socket plain) throws IOException {
        Path chain = folder.resolve("fullchain.pem");
        Path key = folder.resolve("privkey.pem");
        if (!Files.exists(chain) || !Files.exists(key)) {
            return;
        }
        SSLContext context = context(Pem.readCertificates(Files.readString(chain, StandardCharsets.US_ASCII), "chain"),
                Pem.readKeyPair(Files.readString(key, StandardCharsets.US_ASCII), "key"));
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false)) {
            tls.setUseClientMode(false);
            tls.startHandshake();
            tls.getInputStream().read(); // until the client closes (or the read times out)
        }
    }

    private static SSLContext context(List<X509Certificate> chain, KeyPair key) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key.getPrivate(), new char[0], chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
