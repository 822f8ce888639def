package io.acmectl.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CaServer;
import io.acmectl.core.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;

/** The acme package's boundary: every acme4j failure leaves as a Failure; the TLS hint only for trust. */
class AcmeFailuresTest {
    private static final CaServer CA = CaServer.resolve("https://ca.example.test/dir");

    private static Failure at(AcmeFailures.Call<Object> call) {
        return assertThrows(Failure.class, () -> AcmeFailures.at(CA, "ordering a.example.test", call));
    }

    @Test
    void aConnectionResetAtConnectGetsNoTrustHint() {
        SSLHandshakeException reset = new SSLHandshakeException("Remote host terminated the handshake");
        reset.initCause(new SocketException("Connection reset"));

        Failure failure = at(() -> {
            throw new AcmeNetworkException(reset);
        });

        assertInstanceOf(Failure.CaUnreachable.class, failure);
        assertTrue(failure.getMessage().contains("TLS handshake failed"), failure.getMessage());
        assertFalse(failure.getMessage().contains("--ca-bundle"), failure.getMessage());
    }

    @Test
    void anUntrustedCertificateGetsTheTrustHint() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed: unable to find "
                + "valid certification path to requested target");
        untrusted.initCause(new CertificateException("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path to requested target")));

        Failure failure = at(() -> {
            throw new AcmeNetworkException(untrusted);
        });

        assertInstanceOf(Failure.CaUnreachable.class, failure);
        assertTrue(failure.getMessage().endsWith("for a private CA pass --ca-bundle"), failure.getMessage());
    }

    @Test
    void whatAcme4jThrowsUncheckedIsAFailureToo() {
        assertEquals("cannot reach the CA at https://ca.example.test/dir while ordering a.example.test: the "
                + "connection closed before the answer was complete",
                at(() -> {
                    throw new UncheckedIOException(new IOException("closed"));
                }).getMessage());
        assertInstanceOf(Failure.CaUnreachable.class, at(() -> {
            throw new AcmeProtocolException("Failed to read certificate", new IOException("Connection reset"));
        }));
        Failure unreadable = at(() -> {
            throw new AcmeProtocolException("Unexpected content type: text/html");
        });
        assertTrue(unreadable.getMessage().contains("sent an answer acmectl cannot read"), unreadable.getMessage());
        java.net.URL order = url("https://ca.example.test/order/1");
        Failure lazy = at(() -> {
            throw new AcmeLazyLoadingException(Order.class, order,
                    new AcmeNetworkException(new ConnectException("Connection refused")));
        });
        assertInstanceOf(Failure.CaUnreachable.class, lazy);
        assertTrue(lazy.getMessage().endsWith("connection refused"), lazy.getMessage());
    }

    private static java.net.URL url(String text) {
        try {
            return URI.create(text).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void aFailureFromOurOwnCodePassesThroughAndABugStaysABug() {
        Failure.Aborted aborted = new Failure.Aborted("out of patience");
        assertEquals(aborted, at(() -> {
            throw aborted;
        }));
        assertThrows(IllegalStateException.class, () -> AcmeFailures.at(CA, "ordering", () -> {
            throw new IllegalStateException("a bug");
        }));
    }

    @Test
    void aTransientFailureThatLastedSaysHowOftenItWasTried() {
        Failure failure = at(() -> {
            throw new GaveUp(new org.shredzone.acme4j.exception.AcmeException("HTTP 503"), 3, 503, null);
        });
        assertEquals("the CA at https://ca.example.test/dir kept failing while ordering a.example.test: HTTP 503 "
                + "(3 tries)", failure.getMessage());
    }
}
