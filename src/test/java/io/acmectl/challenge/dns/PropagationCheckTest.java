package io.acmectl.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.PreflightChecks;
import io.acmectl.testing.BindServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * The propagation check and the CNAME chain against real authoritative servers: two BIND instances
 * serve the zone {@code prop.test} (its NS records name ns1 and ns2), the hidden name server map
 * sends ns1 and ns2 to their loopback ports, and the first doubles as the resolver for SOA, NS and
 * CNAME lookups. Each test uses names of its own, so the servers are shared.
 */
class PropagationCheckTest {
    private static final String ZONE = "prop.test";
    /** Beyond the ns1 every BindServer zone has. */
    private static final String[] RECORDS = {"@ IN NS ns2.prop.test.", "ns2 IN A 127.0.0.1"};

    @RegisterExtension
    static final BindServer PRIMARY = BindServer.builder().authoritativeOnly().zone(ZONE, RECORDS).build();

    @RegisterExtension
    static final BindServer SECONDARY = BindServer.builder().authoritativeOnly().zone(ZONE, RECORDS).build();

    private static PreflightChecks checks(Duration timeout) {
        return PreflightChecks.DEFAULT.withDnsResolver(new HostPort("127.0.0.1", PRIMARY.port()))
                .withDnsPropagationTimeout(timeout)
                .withNameServers(Map.of("ns1.prop.test.", new HostPort("127.0.0.1", PRIMARY.port()),
                        "ns2.prop.test.", new HostPort("127.0.0.1", SECONDARY.port())));
    }

    private static PropagationCheck check(Duration timeout) {
        return new PropagationCheck(DnsQueries.of(checks(timeout)), timeout);
    }

    private static TxtRecord record(String name, String value) {
        return new TxtRecord(name, "_acme-challenge." + name + ".", value, 0, List.of(name));
    }

    @Test
    void passesWhenEveryServerAnswersEveryValue() throws Exception {
        for (BindServer server : List.of(PRIMARY, SECONDARY)) {
            server.add("_acme-challenge.both.prop.test.", Type.TXT, "\"value-1\"");
            server.add("_acme-challenge.both.prop.test.", Type.TXT, "\"value-2\"");
        }
        check(Duration.ofSeconds(30)).await(List.of(record("both.prop.test", "value-1"),
                record("both.prop.test", "value-2")));
    }

    @Test
    void aServerThatLagsIsNamedWithTheRecordOnceTheTimeoutIsOver() throws Exception {
        PRIMARY.add("_acme-challenge.lags.prop.test.", Type.TXT, "\"lagging-value\"");
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> check(Duration.ofSeconds(1)).await(List.of(record("lags.prop.test", "lagging-value"))));
        String message = failure.getMessage();
        assertTrue(message.startsWith("the name server ns2.prop.test. (127.0.0.1:" + SECONDARY.port() + ")"), message);
        assertTrue(message.contains("'lagging-value' of the TXT record _acme-challenge.lags.prop.test."), message);
        assertTrue(message.contains("it answers no TXT value"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void oneOfTwoValuesOnOneNameIsNotEnough() throws Exception {
        for (BindServer server : List.of(PRIMARY, SECONDARY)) {
            server.add("_acme-challenge.half.prop.test.", Type.TXT, "\"wildcard-value\"");
        }
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> check(Duration.ofSeconds(1)).await(List.of(record("half.prop.test", "wildcard-value"),
                        record("half.prop.test", "base-value"))));
        assertTrue(failure.getMessage().contains("all 2 values of the TXT record _acme-challenge.half.prop.test."),
                failure::getMessage);
    }

    @Test
    void waitsForAServerThatCatchesUp() throws Exception {
        PRIMARY.add("_acme-challenge.late.prop.test.", Type.TXT, "\"late-value\"");
        Thread catchUp = new Thread(() -> {
            try {
                Thread.sleep(1_000);
                SECONDARY.add("_acme-challenge.late.prop.test.", Type.TXT, "\"late-value\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        catchUp.start();
        try {
            check(Duration.ofSeconds(60)).await(List.of(record("late.prop.test", "late-value")));
        } finally {
            catchUp.join(30_000);
        }
    }

    @Test
    void zeroSkipsTheCheck() {
        check(Duration.ZERO).await(List.of(record("nowhere.prop.test", "never-published")));
    }

    @Test
    void theZoneIsFoundFromANameThatDoesNotExistYet() {
        assertEquals("prop.test.", check(Duration.ofSeconds(1))
                .zoneOf(DnsQueries.name("_acme-challenge.deep.below.prop.test.")).toString());
    }

    @Test
    void aNameInNoZoneIsOneClearLine() {
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> check(Duration.ofSeconds(1)).await(List.of(record("elsewhere.example", "value"))));
        assertTrue(failure.getMessage().contains("_acme-challenge.elsewhere.example."), failure::getMessage);
        assertEquals(1, failure.getMessage().lines().count(), failure::getMessage);
    }

    @Test
    void aCnameChainIsFollowedToItsEnd() throws Exception {
        PRIMARY.add("_acme-challenge.delegated.prop.test.", Type.CNAME, "step.prop.test.");
        PRIMARY.add("step.prop.test.", Type.CNAME, "acme.prop.test.");
        CnameChain chain = new CnameChain(DnsQueries.of(checks(Duration.ZERO)));
        assertEquals("acme.prop.test.", chain.follow("_acme-challenge.delegated.prop.test."));
        assertEquals("_acme-challenge.plain.prop.test.", chain.follow("_acme-challenge.plain.prop.test."));
    }

    @Test
    void aCnameLoopIsOneClearLine() throws Exception {
        PRIMARY.add("_acme-challenge.loop.prop.test.", Type.CNAME, "back.prop.test.");
        PRIMARY.add("back.prop.test.", Type.CNAME, "_acme-challenge.loop.prop.test.");
        CnameChain chain = new CnameChain(DnsQueries.of(checks(Duration.ZERO)));
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> chain.follow("_acme-challenge.loop.prop.test."));
        assertTrue(failure.getMessage().contains("longer than 8 steps"), failure::getMessage);
    }
}
