package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.Pem;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --preferred-chain} and {@code preferred-chain:} against a Pebble that offers two alternate
 * chains besides its default one (each to a root of its own, read from its management API): the
 * chain picked is the one whose top certificate the named root issued, and renewals keep it.
 * tls-alpn-01 on Pebble's own tls port, so no class waits for the http-01 port.
 */
class PreferredChainEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().env("PEBBLE_ALTERNATE_ROOTS", "2").dedicated().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private String[] issue(String name, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("issue", name, "--tls-alpn", "--tls-port",
                Integer.toString(PEBBLE.tlsPort()), "--tls-address", "127.0.0.1", "--agree-tos"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The common name of Pebble's root number {@code n} (0 is the default chain's). */
    private static String rootName(int n) throws Exception {
        X509Certificate root = Pem.readCertificates(PEBBLE.management("/roots/" + n), "root " + n).get(0);
        return commonName(root.getSubjectX500Principal());
    }

    /** Who issued the topmost certificate of the lineage's chain.pem. */
    private String topIssuer(String lineage) throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(
                Files.readString(store.resolve("live/" + lineage + "/chain.pem")), "chain");
        return commonName(chain.get(chain.size() - 1).getIssuerX500Principal());
    }

    private static String commonName(X500Principal principal) throws Exception {
        for (Rdn rdn : new LdapName(principal.getName()).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                return String.valueOf(rdn.getValue());
            }
        }
        throw new AssertionError("no CN in " + principal);
    }

    @Test
    void theNamedChainIsPickedAndKeptOnRenewal() throws Exception {
        String wanted = rootName(2);
        assertNotEquals(rootName(0), wanted);
        String name = "chain2.example.test";
        Cli.Result issued = acmectl(issue(name, "--preferred-chain", wanted));
        assertEquals(0, issued.exitCode(), issued::toString);
        assertEquals(wanted, topIssuer(name));
        assertEquals(wanted, Metadata.of(store, name).at("/settings/preferred-chain").asText());

        Cli.Result renewed = acmectl("renew", "--cert-name", name, "--force", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
        assertEquals(wanted, topIssuer(name));

        // issue --force without the option keeps it too, as --profile is kept
        Cli.Result again = acmectl(issue(name, "--force"));
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(wanted, topIssuer(name));
    }

    @Test
    void aNameNoChainHasGivesTheDefaultChain() throws Exception {
        String name = "nochain.example.test";
        Cli.Result issued = acmectl(issue(name, "--preferred-chain", "No Such Root"));
        assertEquals(0, issued.exitCode(), issued::toString);
        assertEquals(rootName(0), topIssuer(name));
    }

    @Test
    void aWantListCertificatePicksItsChain() throws Exception {
        String wanted = rootName(1);
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                defaults:
                  agree-tos: true
                certificates:
                  - name: wanted-chain
                    domains: [wanted-chain.example.test]
                    challenge: { tls-alpn: { port: PORT, address: 127.0.0.1 } }
                    preferred-chain: "ROOT"
                """.replace("PORT", Integer.toString(PEBBLE.tlsPort())).replace("ROOT", wanted));
        Cli.Result result = acmectl("--want", want.toString(), "issue", "--all");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(wanted, topIssuer("wanted-chain"));
        Cli.Result renewed = acmectl("--want", want.toString(), "renew", "--all", "--force", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertEquals(wanted, topIssuer("wanted-chain"));
    }
}
