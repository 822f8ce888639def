package io.acmectl.flow;

import io.acmectl.core.HostPort;
import io.acmectl.core.Identifiers;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.Verify;
import io.acmectl.files.IoReasons;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy check: after a certificate's deploy hooks ran, asks the TLS server its {@code verify}
 * names for the certificate's first name and compares the serial it presents with the new one. A
 * server reloads in the background ({@code systemctl reload} returns first), so it is asked a few
 * times, a pause apart, before the check fails.
 */
public final class DeployCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DeployCheck.class);
    /** What the check puts before the base name of a wildcard, which is no host name to ask for. */
    private static final String WILDCARD_LABEL = "acmectl-verify";

    private final Duration timeout;
    private final int attempts;
    private final Duration pause;

    /** {@code timeout}: for each connection and handshake; {@code attempts} (at least 1), {@code pause} between. */
    public DeployCheck(Duration timeout, int attempts, Duration pause) {
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.pause = pause;
    }

    /** Ten seconds a try, five tries a second apart. */
    public static DeployCheck standard() {
        return new DeployCheck(Duration.ofSeconds(10), 5, Duration.ofSeconds(1));
    }

    /**
     * What the server presented: {@code served} its serial (lowercase hex, as the store keeps serials)
     * or null when it could not be asked, and then {@code problem} says why. Passed when it is the
     * certificate's {@code expected} serial.
     */
    public record Finding(HostPort server, String serverName, String expected, String served, String problem) {
        public boolean passed() {
            return expected.equalsIgnoreCase(String.valueOf(served));
        }

        /** One line for the run's report (the text printer words it its own way). */
        public String describe() {
            String asked = server + (serverName == null ? "" : " (SNI " + serverName + ")");
            return served == null ? asked + " could not be asked: " + problem
                    : asked + " presents serial " + served + ", not the new certificate's " + expected;
        }
    }

    /** Asks until the server presents the certificate, or the tries are used up; the last answer counts. */
    public Finding check(Verify verify, StoredCertificate certificate) {
        String serverName = serverName(certificate.domains().get(0));
        Finding finding = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            finding = ask(verify.tls(), serverName, certificate.serial());
            if (finding.passed()) {
                return finding;
            }
            LOG.info("{}: {} presents {} (try {} of {})", certificate.name(), verify.tls(),
                    finding.served() != null ? "serial " + finding.served() : "nothing: " + finding.problem(),
                    attempt, attempts);
            if (attempt < attempts && !sleep()) {
                break;
            }
        }
        return finding;
    }

    private Finding ask(HostPort server, String serverName, String expected) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(server.host(), server.port()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) anyCertificate().getSocketFactory()
                    .createSocket(plain, server.host(), server.port(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                String served = ((X509Certificate) chain[0]).getSerialNumber().toString(16);
                return new Finding(server, serverName, expected, served, null);
            }
        } catch (IOException e) {
            return new Finding(server, serverName, expected, null, IoReasons.of(e));
        }
    }

    /**
     * The name to ask for: a host name as it is; a wildcard's base with a label of ours in front (any
     * name below matches it); none for an IP address, which SNI cannot carry.
     */
    static String serverName(String firstName) {
        if (Identifiers.looksLikeIp(firstName)) {
            return null;
        }
        return firstName.startsWith("*.") ? WILDCARD_LABEL + firstName.substring(1) : firstName;
    }

    /**
     * Trusts whatever the server presents: the check only reads which certificate that is (nothing is
     * sent over the connection), and a server in front of a private CA, or one still serving an
     * expired certificate, must be checkable too.
     */
    private static SSLContext anyCertificate() {
        TrustManager readOnly = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // never a server
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // read, not trusted: see above
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {readOnly}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    private boolean sleep() {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
