package io.acmectl.challenge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The tls-alpn-01 solver's TLS listener: it completes one handshake per connection, negotiating
 * only ALPN {@code acme-tls/1} and presenting the certificate {@link ValidationKeys} chose for the
 * SNI name, then closes the connection (the CA needs nothing more). Connections are served as by
 * the http-01 listener ({@link PortListener}), each within a deadline from accept to the end of
 * its handshake, however slowly its bytes trickle.
 */
final class TlsAlpnListener implements AutoCloseable {
    /** Connections served at once, and the time one may take from being accepted to its handshake's end. */
    record Limits(int connections, Duration deadline) {
        static final Limits STANDARD = new Limits(32, Duration.ofSeconds(5));
    }

    /** RFC 8737 section 4: acme-tls/1 is spoken over TLS 1.2 or newer only. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final long BACKSTOP_MILLIS = 1_000;

    private final ValidationKeys keys;
    private final Limits limits;
    private final ScheduledThreadPoolExecutor deadlines;
    private final PortListener listener;

    /** Binds now: a port in use fails here, before any order. */
    TlsAlpnListener(InetSocketAddress address, ValidationKeys keys, Limits limits) throws IOException {
        this.keys = keys;
        this.limits = limits;
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "acmectl-tls-alpn-01-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        try {
            this.listener = new PortListener(address, limits.connections(), "acmectl-tls-alpn-01", this::handshake);
        } catch (IOException e) {
            deadlines.shutdownNow();
            throw e;
        }
    }

    /** Stops listening and ends the handshakes under way; waits at most a second for the listener's thread. */
    @Override
    public void close() {
        listener.close();
        deadlines.shutdownNow();
    }

    /**
     * One handshake, cut off at the deadline by closing the connection under it: the handshake's
     * reads cannot be given what is left of a deadline one by one, as the http-01 exchange does.
     */
    private void handshake(Socket client) throws IOException {
        long millis = Math.max(1, limits.deadline().toMillis());
        ScheduledFuture<?> cutOff;
        try {
            cutOff = deadlines.schedule(() -> PortListener.closeQuietly(client), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return;
        }
        try {
            // only a backstop: the cut-off ends a slow handshake, silently, before this read timeout could
            client.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis + BACKSTOP_MILLIS));
            // consumed = null: nothing was read yet; the socket made this way is in server mode
            try (SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(client, null, true)) {
                tls.setSSLParameters(parameters());
                tls.startHandshake();
            }
        } finally {
            cutOff.cancel(false);
        }
    }

    /**
     * A context of its own per connection, so no session is cached: a resumed session skips the key
     * manager, and would present a certificate that was withdrawn since.
     */
    private SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[0], null); // no client certificates
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS server", e);
        }
    }

    private static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS.clone());
        parameters.setApplicationProtocols(new String[] {ValidationKeys.ACME_TLS_1});
        return parameters;
    }
}
