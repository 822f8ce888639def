package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.CertificateCheck;
import io.acmectl.crypto.Pem;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Loud;
import io.acmectl.testing.PebbleServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** IP-address identifiers (RFC 8738) through the real command line against a real Pebble, by http-01. */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class IpAddressEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private X509Certificate leaf(String lineage) throws Exception {
        Path live = store.resolve("live/" + lineage);
        return Pem.readCertificates(Files.readString(live.resolve("cert.pem")), "cert").get(0);
    }

    private KeyPair key(String lineage) throws Exception {
        return Pem.readKeyPair(Files.readString(store.resolve("live/" + lineage).resolve("privkey.pem")), "key");
    }

    @Test
    void anIpv4AddressIsOrderedAsAnIpIdentifierAndCoveredAsAnIpAddressSan() throws Exception {
        Cli.Result result = acmectl("issue", "127.0.0.1", "--standalone", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--http-address", "127.0.0.1", "--agree-tos");
        assertEquals(0, result.exitCode(), result::toString);
        X509Certificate leaf = leaf("127.0.0.1");
        assertEquals(null, CertificateCheck.problem(leaf, key("127.0.0.1"), List.of("127.0.0.1")));
        // exactly one SAN, and it is an iPAddress (type 7), not a dNSName
        assertEquals(Set.of(List.of(7, "127.0.0.1")), Set.copyOf(leaf.getSubjectAlternativeNames()));
    }

    @Test
    void anIpv6AddressIsNormalisedAndItsLineageNameMapped() throws Exception {
        if (!ipv6Loopback()) {
            // a property of the machine, not a missing install step: an abort even in CI, but a loud one
            Loud.say("SKIPPED IpAddressEndToEndTest's IPv6 case: this machine cannot listen on ::1");
            Assumptions.abort("no IPv6 loopback (::1) on this machine");
        }
        Cli.Result result = acmectl("issue", "0:0:0:0:0:0:0:1", "--standalone", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--http-address", "::1", "--agree-tos");
        assertEquals(0, result.exitCode(), result::toString);
        X509Certificate leaf = leaf("0--1");
        assertEquals(null, CertificateCheck.problem(leaf, key("0--1"), List.of("::1")));
        assertEquals(1, leaf.getSubjectAlternativeNames().size());
        assertEquals(7, leaf.getSubjectAlternativeNames().iterator().next().get(0));
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return socket.getInetAddress() instanceof Inet6Address;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anIpInTheWantListIsOrderedToo() throws Exception {
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                defaults:
                  agree-tos: true
                certificates:
                  - name: loopback
                    domains: [127.000.0.1]
                    challenge: { standalone: { port: PORT, address: 127.0.0.1 } }
                """.replace("PORT", Integer.toString(PEBBLE.httpPort())));
        Cli.Result refused = acmectl("--want", want.toString(), "issue", "--all");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("leading zero"), refused::toString);
        Files.writeString(want, Files.readString(want).replace("127.000.0.1", "127.0.0.1"));
        Cli.Result result = acmectl("--want", want.toString(), "issue", "--all");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("issued 1"), result::toString);
        assertEquals(null, CertificateCheck.problem(leaf("loopback"), key("loopback"), List.of("127.0.0.1")));
    }
}
