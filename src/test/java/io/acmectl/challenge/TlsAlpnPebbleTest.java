package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.acmectl.acme.AcmeSessions;
import io.acmectl.core.CaServer;
import io.acmectl.core.Identifier;
import io.acmectl.core.KeyType;
import io.acmectl.testing.LoopbackPorts;
import io.acmectl.testing.PebbleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;

/**
 * The solver against a real CA: Pebble's validator connects to the listener, asks for
 * {@code acme-tls/1} and the name, and checks the certificate. Driven through acme4j directly (the
 * order flow's wiring of tls-alpn-01 is tested end to end in {@code cli}). PebbleServer does not
 * expose the port Pebble validates tls-alpn-01 on, so this class gives its own Pebble one (a later
 * {@code tlsPort} in Pebble's config wins over the first).
 */
class TlsAlpnPebbleTest {
    private static final int TLS_PORT = LoopbackPorts.freePort();
    private static final int POLLS = 150;

    @RegisterExtension
    static final PebbleServer PEBBLE =
            PebbleServer.builder().config("tlsPort", String.valueOf(TLS_PORT)).dedicated().build();

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC256", "RSA2048"})
    void pebbleValidatesANameThroughTheListener(KeyType keyType) throws Exception {
        String name = "tls-" + keyType.id() + ".example.test";
        TlsAlpn01Challenge challenge = challenge(org.shredzone.acme4j.Identifier.dns(name));
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", TLS_PORT, keyType)) {
            solver.present(new TlsAlpn01Proof(Identifier.dns(name), challenge.getAuthorization()));
            assertEquals(Status.VALID, decided(challenge), () -> String.valueOf(challenge.getError()));
        }
    }

    @Test
    void pebbleRefusesTheCertificateOfAnotherKeyAuthorization() throws Exception {
        String name = "tls-wrong.example.test";
        TlsAlpn01Challenge challenge = challenge(org.shredzone.acme4j.Identifier.dns(name));
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", TLS_PORT)) {
            solver.present(new TlsAlpn01Proof(Identifier.dns(name), challenge.getAuthorization() + "x"));
            assertEquals(Status.INVALID, decided(challenge));
        }
    }

    /** RFC 8738: the validator asks for 127.0.0.1 by 1.0.0.127.in-addr.arpa and wants an iPAddress SAN. */
    @Test
    void pebbleValidatesAnIpAddressThroughTheListener() throws Exception {
        TlsAlpn01Challenge challenge = challenge(org.shredzone.acme4j.Identifier.ip("127.0.0.1"));
        try (TlsAlpnSolver solver = new TlsAlpnSolver("127.0.0.1", TLS_PORT)) {
            solver.present(new TlsAlpn01Proof(Identifier.dns("127.0.0.1"), challenge.getAuthorization()));
            assertEquals(Status.VALID, decided(challenge), () -> String.valueOf(challenge.getError()));
        }
    }

    private static TlsAlpn01Challenge challenge(org.shredzone.acme4j.Identifier identifier) throws Exception {
        Login login = new org.shredzone.acme4j.AccountBuilder().agreeToTermsOfService()
                .useKeyPair(KeyType.EC256.generate())
                .createLogin(new AcmeSessions(PEBBLE.caBundle()).open(CaServer.resolve(PEBBLE.directory().toString())));
        return login.getAccount().newOrder().identifier(identifier).create().getAuthorizations().get(0)
                .findChallenge(TlsAlpn01Challenge.class).orElseThrow();
    }

    /** Triggers the challenge and polls it, every 100 ms for at most 15 s, until the CA has decided. */
    private static Status decided(TlsAlpn01Challenge challenge) throws Exception {
        challenge.trigger();
        for (int i = 0; i < POLLS && !isDecided(challenge.getStatus()); i++) {
            Thread.sleep(100);
            challenge.fetch();
        }
        return challenge.getStatus();
    }

    private static boolean isDecided(Status status) {
        return status == Status.VALID || status == Status.INVALID;
    }
}
