package io.acmectl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** The harness itself: named answers for its zones only, and a Pebble built with dnsServer() asks it. */
class BindServerTest {
    @RegisterExtension
    @Order(1)
    static final BindServer BIND = BindServer.builder().zone("example.test", "* A 127.0.0.1").build();

    @RegisterExtension
    @Order(2)
    static final PebbleServer PEBBLE = PebbleServer.builder().dnsServer(BIND::port).build();

    /** A zone's name server rather than a resolver; one zone open to unsigned updates from 127.0.0.1. */
    @RegisterExtension
    @Order(3)
    static final BindServer NAME_SERVER = BindServer.builder().authoritativeOnly().zone("open.test")
            .unsignedUpdates("open.test").zone("closed.test").build();

    @TempDir
    Path store;

    @Test
    void answersForItsZonesAndNothingElse() throws Exception {
        Message soa = BIND.query("example.test.", Type.SOA);
        assertEquals(Rcode.NOERROR, soa.getRcode());
        Message wildcard = BIND.query("anything.example.test.", Type.A);
        assertEquals("127.0.0.1",
                ((ARecord) wildcard.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
        assertEquals(Rcode.NXDOMAIN, BIND.query("example.com.", Type.A).getRcode()); // its own root zone says so
    }

    @Test
    void anAuthoritativeOnlyServerRefusesNamesOutsideItsZones() throws Exception {
        assertEquals(Rcode.NOERROR, NAME_SERVER.query("open.test.", Type.SOA).getRcode());
        assertEquals(Rcode.REFUSED, NAME_SERVER.query("example.com.", Type.A).getRcode());
    }

    @Test
    void unsignedUpdatesAreTakenOnlyWhereAllowedAndSignedOnesEverywhere() throws Exception {
        assertEquals(Rcode.NOERROR, unsignedAdd("open.test.", "_acme-challenge.a.open.test."));
        assertEquals(List.of("unsigned"), NAME_SERVER.txt("_acme-challenge.a.open.test."));
        assertEquals(Rcode.REFUSED, unsignedAdd("closed.test.", "_acme-challenge.a.closed.test."));
        assertEquals(List.of(), NAME_SERVER.txt("_acme-challenge.a.closed.test."));

        NAME_SERVER.add("_acme-challenge.a.closed.test.", Type.TXT, "\"signed\"");
        assertEquals(List.of("signed"), NAME_SERVER.txt("_acme-challenge.a.closed.test."));
        NAME_SERVER.delete("_acme-challenge.a.closed.test.", Type.TXT);
        assertEquals(List.of(), NAME_SERVER.txt("_acme-challenge.a.closed.test."));
    }

    private static int unsignedAdd(String zone, String name) throws Exception {
        Update update = new Update(Name.fromString(zone));
        update.add(Name.fromString(name), Type.TXT, 60, "\"unsigned\"");
        return new SimpleResolver(new InetSocketAddress("127.0.0.1", NAME_SERVER.port())).send(update).getRcode();
    }

    @Test
    void pebbleLooksNamesUpThere() throws Exception {
        List<String> options = PEBBLE.options(store);
        Cli.Result known = Cli.run(options, "issue", "a.example.test", "--standalone", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--http-address", "127.0.0.1", "--agree-tos", "--no-self-check");
        assertEquals(0, known.exitCode(), known::toString);

        // pebble-challtestsrv would answer 127.0.0.1 for this name; for BIND it does not exist.
        Cli.Result unknown = Cli.run(options, "issue", "a.elsewhere.test", "--standalone", "--http-port",
                Integer.toString(PEBBLE.httpPort()), "--http-address", "127.0.0.1", "--agree-tos", "--no-self-check");
        assertNotEquals(0, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("a.elsewhere.test") && unknown.err().contains("could not resolve"),
                unknown::toString);
    }
}
