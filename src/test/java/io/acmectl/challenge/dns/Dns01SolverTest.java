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
import io.acmectl.testing.NamedZone;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The dns-01 solver as the order flow drives it (present all, confirm, clean up each), with a hook
 * that sends RFC 2136 updates through nsupdate to two real BIND servers of the zone {@code solver.test}.
 */
class Dns01SolverTest {
    private static final List<String> RECORDS = List.of("@ IN NS ns1.solver.test.", "@ IN NS ns2.solver.test.",
            "ns1 IN A 127.0.0.1", "ns2 IN A 127.0.0.1",
            "_acme-challenge.delegated IN CNAME delegated.acme.solver.test.");

    @TempDir
    static Path dir;

    static NamedZone primary;
    static NamedZone secondary;

    @BeforeAll
    static void start() throws Exception {
        primary = NamedZone.start(dir.resolve("ns1"), "solver.test", RECORDS);
        secondary = NamedZone.start(dir.resolve("ns2"), "solver.test", RECORDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (primary != null) {
            primary.close();
        }
        if (secondary != null) {
            secondary.close();
        }
    }

    private Dns01Solver solver(List<NamedZone> addTo, Duration propagation) throws Exception {
        String script = "sh " + Path.of(getClass().getResource("/dns/nsupdate-hook.sh").toURI());
        String ports = String.join(" ", addTo.stream().map(z -> Integer.toString(z.port())).toList());
        String all = primary.port() + " " + secondary.port();
        PreflightChecks checks = PreflightChecks.DEFAULT.withDnsResolver(new HostPort("127.0.0.1", primary.port()))
                .withNameServers(Map.of("ns1.solver.test.", new HostPort("127.0.0.1", primary.port()),
                        "ns2.solver.test.", new HostPort("127.0.0.1", secondary.port())));
        DnsQueries queries = DnsQueries.of(checks);
        return new Dns01Solver(new HookPublisher(new DnsPublisher.Hook(script + " add " + ports,
                script + " delete " + all, Duration.ofSeconds(30))), new CnameChain(queries),
                new PropagationCheck(queries, propagation));
    }

    private static Set<String> txt(NamedZone server, String name) throws Exception {
        Set<String> values = new TreeSet<>();
        DnsQueries.answers(DnsQueries.askDirectly(server.address(), DnsQueries.name(name), Type.TXT),
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
        try (Dns01Solver solver = solver(List.of(primary, secondary), Duration.ofSeconds(30))) {
            solver.presentAll(proofs);
            solver.confirm(proofs);
            for (NamedZone server : List.of(primary, secondary)) {
                assertEquals(Set.of("base", "wild"), txt(server, "_acme-challenge.a.solver.test."));
                assertEquals(Set.of("delegated"), txt(server, "delegated.acme.solver.test."));
            }
            solver.cleanUp(wildcard);
            assertEquals(Set.of("base"), txt(secondary, "_acme-challenge.a.solver.test."));
            solver.cleanUp(base);
            solver.cleanUp(delegated);
            for (NamedZone server : List.of(primary, secondary)) {
                assertEquals(Set.of(), txt(server, "_acme-challenge.a.solver.test."));
                assertEquals(Set.of(), txt(server, "delegated.acme.solver.test."));
            }
        }
    }

    @Test
    void aLaggingServerStopsTheOrderBeforeTheCaIsAskedAndTheRecordIsStillRemoved() throws Exception {
        Proof proof = new Dns01Proof(Identifier.dns("lag.solver.test"), "_acme-challenge.lag.solver.test.", "lagging");
        try (Dns01Solver solver = solver(List.of(primary), Duration.ofSeconds(1))) {
            solver.presentAll(List.of(proof));
            Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                    () -> solver.confirm(List.of(proof)));
            assertTrue(failure.getMessage().startsWith("the name server ns2.solver.test. (127.0.0.1:"
                    + secondary.port() + ")"), failure::getMessage);
            assertEquals(Set.of("lagging"), txt(primary, "_acme-challenge.lag.solver.test."));
            solver.cleanUp(proof);
            assertEquals(Set.of(), txt(primary, "_acme-challenge.lag.solver.test."));
        }
    }
}
