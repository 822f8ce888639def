package io.acmectl.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.challenge.Dns01Proof;
import io.acmectl.challenge.Proof;
import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import io.acmectl.testing.BindServer;
import io.acmectl.testing.RequiredTool;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The dns-01 solver as the order flow drives it (present all, confirm, clean up each), with a hook
 * that sends RFC 2136 updates through nsupdate to two real BIND servers of the zone {@code solver.test}.
 */
class Dns01SolverTest {
    /** Beyond the ns1 every BindServer zone has. */
    private static final String[] RECORDS = {"@ IN NS ns2.solver.test.", "ns2 IN A 127.0.0.1",
            "_acme-challenge.delegated IN CNAME delegated.acme.solver.test."};

    /** The hook's nsupdate sends unsigned updates. */
    @RegisterExtension
    static final BindServer PRIMARY = BindServer.builder().authoritativeOnly().zone("solver.test", RECORDS)
            .unsignedUpdates("solver.test").build();

    @RegisterExtension
    static final BindServer SECONDARY = BindServer.builder().authoritativeOnly().zone("solver.test", RECORDS)
            .unsignedUpdates("solver.test").build();

    @BeforeAll
    static void nsupdate() {
        RequiredTool.onPath("nsupdate", "the dns-01 hook of these tests sends its updates with it", "bind9-dnsutils");
    }

    private Dns01Solver solver(List<BindServer> addTo, Duration propagation) throws Exception {
        String script = "sh " + Path.of(getClass().getResource("/dns/nsupdate-hook.sh").toURI());
        String ports = String.join(" ", addTo.stream().map(z -> Integer.toString(z.port())).toList());
        String all = PRIMARY.port() + " " + SECONDARY.port();
        PreflightChecks checks = PreflightChecks.DEFAULT.withDnsResolver(new HostPort("127.0.0.1", PRIMARY.port()))
                .withNameServers(Map.of("ns1.solver.test.", new HostPort("127.0.0.1", PRIMARY.port()),
                        "ns2.solver.test.", new HostPort("127.0.0.1", SECONDARY.port())));
        DnsQueries queries = DnsQueries.of(checks);
        return new Dns01Solver(new HookPublisher(new DnsPublisher.Hook(script + " add " + ports,
                script + " delete " + all, Duration.ofSeconds(30))), new CnameChain(queries),
                new PropagationCheck(queries, propagation));
    }

    private static Set<String> txt(BindServer server, String name) throws Exception {
        Set<String> values = new TreeSet<>();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        DnsQueries.answers(DnsQueries.askDirectly(address, DnsQueries.name(name), Type.TXT),
                DnsQueries.name(name), TXTRecord.class).forEach(r -> values.add(String.join("", r.getStrings())));
        return values;
    }

    @Test
    void publishesEveryRecordChecksThemOnEveryServerAndRemovesExactlyEachValue() throws Exception {
        Proof wildcard = new Dns01Proof(Identifier.dns("*.a.solver.test"), "_acme-challenge.a.solver.test.", "wild");
        Proof base = new Dns01Proof(Identifier.dns("a.solver.test"), "_acme-challenge.a.solver.test.", "base");
        Proof delegated = new Dns01Proof(Identifier.dns("delegated.solver.test"),
                "_acme-challenge.delegated.solver.test.", "delegated");
        List<Proof> proofs = List.of(wildcard, base, delegated);
        try (Dns01Solver solver = solver(List.of(PRIMARY, SECONDARY), Duration.ofSeconds(30))) {
            solver.presentAll(proofs);
            solver.confirm(proofs);
            for (BindServer server : List.of(PRIMARY, SECONDARY)) {
                assertEquals(Set.of("base", "wild"), txt(server, "_acme-challenge.a.solver.test."));
                assertEquals(Set.of("delegated"), txt(server, "delegated.acme.solver.test."));
            }
            solver.cleanUp(wildcard);
            assertEquals(Set.of("base"), txt(SECONDARY, "_acme-challenge.a.solver.test."));
            solver.cleanUp(base);
            solver.cleanUp(delegated);
            for (BindServer server : List.of(PRIMARY, SECONDARY)) {
                assertEquals(Set.of(), txt(server, "_acme-challenge.a.solver.test."));
                assertEquals(Set.of(), txt(server, "delegated.acme.solver.test."));
            }
        }
    }

    @Test
    void aLaggingServerStopsTheOrderBeforeTheCaIsAskedAndTheRecordIsStillRemoved() throws Exception {
        Proof proof = new Dns01Proof(Identifier.dns("lag.solver.test"), "_acme-challenge.lag.solver.test.", "lagging");
        try (Dns01Solver solver = solver(List.of(PRIMARY), Duration.ofSeconds(1))) {
            solver.presentAll(List.of(proof));
            Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                    () -> solver.confirm(List.of(proof)));
            assertTrue(failure.getMessage().startsWith("the name server ns2.solver.test. (127.0.0.1:"
                    + SECONDARY.port() + ")"), failure::getMessage);
            assertEquals(Set.of("lagging"), txt(PRIMARY, "_acme-challenge.lag.solver.test."));
            solver.cleanUp(proof);
            assertEquals(Set.of(), txt(PRIMARY, "_acme-challenge.lag.solver.test."));
        }
    }
}
