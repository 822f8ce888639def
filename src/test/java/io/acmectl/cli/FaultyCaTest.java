package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.acme.NetworkPolicy;
import io.acmectl.testing.Cli;
import io.acmectl.testing.FaultProxy;
import io.acmectl.testing.FaultProxy.Fault;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A CA that misbehaves (issue 12): {@link FaultProxy} between acmectl and a real Pebble refuses,
 * resets, stalls, answers 5xx, rate limits, garbage and huge bodies, or loses a finalize; and a
 * Pebble that refuses half its nonces. Every run
 * must end on its own, with a line per certificate, the summary and the right exit code, and the
 * certificate in place untouched. Requests wait at most 2 s here ({@link NetworkPolicy#TIMEOUT_PROPERTY},
 * a JVM-wide setting: hence {@link Isolated}, so that no other test class runs meanwhile).
 */
@Isolated
class FaultyCaTest {
    /** No run may take longer; the slowest case here needs about a quarter of it. */
    private static final Duration RUN_BOUND = Duration.ofSeconds(90);

    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().ariAndProfiles().build();

    /** A CA that refuses half the nonces it handed out (badNonce storms). */
    @RegisterExtension
    static final PebbleServer STORMY = PebbleServer.builder().nonceRejectPercent(50).build();

    @TempDir
    Path store;

    FaultProxy proxy;

    @BeforeAll
    static void shortDeadlines() {
        System.setProperty(NetworkPolicy.TIMEOUT_PROPERTY, "2");
    }

    @AfterAll
    static void usualDeadlines() {
        System.clearProperty(NetworkPolicy.TIMEOUT_PROPERTY);
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = FaultProxy.start(PEBBLE, store);
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
        assertEquals(List.of(), proxy.bugs(), "the proxy itself failed");
    }

    private Cli.Result acmectl(String... args) {
        return assertTimeoutPreemptively(RUN_BOUND, () -> Cli.run(proxy.options(store), args),
                () -> "acmectl " + String.join(" ", args) + " did not end within " + RUN_BOUND);
    }

    private void issue(String... names) {
        for (String name : names) {
            Cli.Result issued = acmectl("issue", name, "--standalone", "--http-port",
                    Integer.toString(PEBBLE.httpPort()), "--http-address", "127.0.0.1", "--agree-tos");
            assertEquals(0, issued.exitCode(), issued::toString);
        }
        proxy.forgetSeen();
    }

    private Cli.Result renew(String... names) {
        Stream<String> which = names.length == 0 ? Stream.of("--all")
                : Stream.of(names).flatMap(n -> Stream.of("--cert-name", n));
        return acmectl(Stream.concat(Stream.concat(Stream.of("renew"), which),
                Stream.of("--force", "--no-random-sleep")).toArray(String[]::new));
    }

    /** The first certificate is still the one installed, and the lineage says so. */
    private void stillTheFirst(String name) throws Exception {
        assertEquals(1, Metadata.of(store, name).get("version").asInt(), name);
        Path live = store.resolve("live/" + name + "/cert.pem");
        assertEquals(store.resolve("archive/" + name + "/cert1.pem").toRealPath(), live.toRealPath());
        assertTrue(Files.readString(live).contains("BEGIN CERTIFICATE"));
    }

    private static String line(Cli.Result result, String name) {
        return result.out().lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + "\n" + result));
    }

    @Test
    void aCertificateDownloadThatStallsMidBodyFailsThatCertificateInBoundedTime() throws Exception {
        issue("stall.example.test");
        proxy.on("/certZ/").always(Fault.stallAfter(1000));

        Cli.Result result = renew("stall.example.test");

        assertEquals(ExitCode.CA_UNREACHABLE.code, result.exitCode(), result::toString);
        assertTrue(result.out().contains("renewed 0, not due 0, failed 1"), result::toString);
        String line = line(result, "stall.example.test");
        assertTrue(line.contains("failed") && line.contains("no complete answer within 2 s")
                && line.contains("(3 tries)"), result::toString);
        assertEquals(3, proxy.seen("/certZ/").size(), "a stalled download is tried 3 times");
        stillTheFirst("stall.example.test");
    }

    @Test
    void aResetMidBodyFailsOnlyTheCertificateItHitAndTheOtherRenews() throws Exception {
        issue("reset.example.test", "fine.example.test");
        proxy.on("/certZ/").forName("reset.example.test").always(Fault.resetAfter(1500));

        Cli.Result result = renew();

        // The CA was reachable for the other certificate: a failure (1), not "no CA" (4).
        assertEquals(ExitCode.FAILED.code, result.exitCode(), result::toString);
        assertTrue(result.out().contains("renewed 1, not due 0, failed 1"), result::toString);
        assertTrue(line(result, "reset.example.test").contains("cannot reach the CA")
                || line(result, "reset.example.test").contains("kept failing"), result::toString);
        assertTrue(line(result, "fine.example.test").contains("renewed"), result::toString);
        stillTheFirst("reset.example.test");
        assertEquals(2, Metadata.of(store, "fine.example.test").get("version").asInt());
    }

    @Test
    void a503WithRetryAfterIsAskedAgainAfterItAndTheRenewalSucceeds() throws Exception {
        issue("busy.example.test");
        proxy.on("/order-plz").first(1, Fault.status(503, "Retry-After", "1"));

        Cli.Result result = renew("busy.example.test");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("renewed 1"), result::toString);
        List<FaultProxy.Seen> orders = proxy.seen("/order-plz");
        assertEquals(2, orders.size(), orders::toString);
        assertFalse(orders.get(1).at().isBefore(orders.get(0).at().plusMillis(1000)),
                () -> "asked again before the Retry-After: " + orders);
    }

    @Test
    void aCaAnswering500EveryTimeIsAskedThreeTimesThenReportedUnreachable() throws Exception {
        issue("broken.example.test");
        proxy.on("/order-plz").always(Fault.status(500));

        Cli.Result result = renew("broken.example.test");

        assertEquals(ExitCode.CA_UNREACHABLE.code, result.exitCode(), result::toString);
        assertTrue(result.out().contains("failed 1"), result::toString);
        assertTrue(line(result, "broken.example.test").contains("kept failing while ordering broken.example.test: "
                + "HTTP 500 (3 tries)"), result::toString);
        assertEquals(3, proxy.seen("/order-plz").size());
        stillTheFirst("broken.example.test");
    }

    @Test
    void aRateLimitIsNotRetriedAndItsTimeIsNamed() throws Exception {
        issue("limited.example.test");
        Instant later = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        proxy.on("/order-plz").always(Fault.problem(429, "rateLimited", "too many new orders recently",
                "Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(later.atZone(ZoneOffset.UTC))));

        Cli.Result result = renew("limited.example.test");

        assertEquals(ExitCode.FAILED.code, result.exitCode(), result::toString);
        assertTrue(line(result, "limited.example.test").contains("too many new orders recently (rateLimited); "
                + "retry after " + later), result::toString);
        assertEquals(1, proxy.seen("/order-plz").size(), "a rate limit was asked again");
        stillTheFirst("limited.example.test");
    }

    @Test
    void aFinalizeTheCaNeverGotIsSentOnceMoreAndTheRenewalSucceeds() throws Exception {
        issue("lost.example.test");
        proxy.on("/finalize-order/").first(1, Fault.staleOrder());

        Cli.Result result = renew("lost.example.test");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("renewed 1"), result::toString);
        assertEquals(2, proxy.seen("/finalize-order/").size());
        assertEquals(2, Metadata.of(store, "lost.example.test").get("version").asInt());
    }

    @Test
    void aFinalizeWhoseAnswerIsLostAfterTheCaTookItEndsWithTheCertificate() throws Exception {
        issue("taken.example.test");
        proxy.on("/finalize-order/").first(1, Fault.resetAfter(0));

        Cli.Result result = renew("taken.example.test");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("renewed 1"), result::toString);
        assertEquals(2, proxy.seen("/finalize-order/").size(), "the finalize was not sent again");
    }

    @Test
    void anAnswerThatIsNotJsonFailsCleanly() throws Exception {
        issue("garbage.example.test");
        proxy.on("/order-plz").always(Fault.body("application/json", "<html>Service Unavailable</html>"));

        Cli.Result result = renew("garbage.example.test");

        assertEquals(ExitCode.CA_UNREACHABLE.code, result.exitCode(), result::toString);
        assertTrue(line(result, "garbage.example.test").contains("sent an answer acmectl cannot read"),
                result::toString);
        assertFalse(result.out().contains("internal error"), result::toString);
        stillTheFirst("garbage.example.test");
    }

    @Test
    void aHugeAnswerIsCutOffAndFailsCleanly() throws Exception {
        issue("huge.example.test");
        proxy.on("/dir$").always(Fault.huge(16 << 20));

        Cli.Result result = renew("huge.example.test");

        assertEquals(ExitCode.CA_UNREACHABLE.code, result.exitCode(), result::toString);
        assertTrue(line(result, "huge.example.test").contains("the answer is larger than 1048576 bytes"),
                result::toString);
        stillTheFirst("huge.example.test");
    }

    @Test
    void withTheCaDownEntirelyRenewAllExits4() throws Exception {
        issue("down1.example.test", "down2.example.test");
        proxy.down();

        Cli.Result result = renew();

        assertEquals(ExitCode.CA_UNREACHABLE.code, result.exitCode(), result::toString);
        assertTrue(result.out().contains("renewed 0, not due 0, failed 2"), result::toString);
        assertTrue(line(result, "down1.example.test").contains("connection refused"), result::toString);
        stillTheFirst("down1.example.test");
        stillTheFirst("down2.example.test");
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersEndsInBoundedTime() throws Exception {
        issue("silent.example.test");
        proxy.silent();

        Cli.Result result = renew("silent.example.test");

        assertEquals(ExitCode.CA_UNREACHABLE.code, result.exitCode(), result::toString);
        assertTrue(result.out().contains("failed 1"), result::toString);
        stillTheFirst("silent.example.test");
    }

    @Test
    void aResetAtConnectIsNotATrustProblemButAnUntrustedCaIs() throws Exception {
        issue("trust.example.test");
        proxy.resetConnections();
        Cli.Result reset = renew("trust.example.test");
        assertEquals(ExitCode.CA_UNREACHABLE.code, reset.exitCode(), reset::toString);
        assertFalse(reset.out().contains("--ca-bundle"), reset::toString);

        proxy.heal();
        List<String> untrusting = List.of("--config-dir", store.toString(), "--server", proxy.directory().toString(),
                "--ca-bundle", PEBBLE.caBundle().toString()); // Pebble's CA, not the proxy's
        Cli.Result untrusted = assertTimeoutPreemptively(RUN_BOUND,
                () -> Cli.run(untrusting, "renew", "--cert-name", "trust.example.test", "--force"));
        assertEquals(ExitCode.CA_UNREACHABLE.code, untrusted.exitCode(), untrusted::toString);
        assertTrue(line(untrusted, "trust.example.test").contains("for a private CA pass --ca-bundle"),
                untrusted::toString);
        stillTheFirst("trust.example.test");
    }

    @Test
    void aBadNonceStormIsRiddenOut() throws Exception {
        List<String> options = STORMY.options(store);
        String port = Integer.toString(STORMY.httpPort());
        Cli.Result issued = assertTimeoutPreemptively(RUN_BOUND, () -> Cli.run(options, "issue", "storm.example.test",
                "--standalone", "--http-port", port, "--http-address", "127.0.0.1", "--agree-tos"));
        assertEquals(0, issued.exitCode(), issued::toString);

        Cli.Result renewed = assertTimeoutPreemptively(RUN_BOUND,
                () -> Cli.run(options, "renew", "--cert-name", "storm.example.test", "--force"));

        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
    }

    @Test
    void anOrderRefusedForItsReplacesClaimIsOrderedAgainWithoutIt() throws Exception {
        issue("serial.example.test");
        // What Pebble answers when the replaced certificate's serial starts with a zero byte (issue 13).
        proxy.on("/order-plz").whosePayloadContains("\"replaces\"").always(Fault.problem(500, "serverInternal",
                "could not find order resulting in the given certificate serial number"));

        Cli.Result result = renew("serial.example.test");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("renewed 1"), result::toString);
        List<FaultProxy.Seen> orders = proxy.seen("/order-plz");
        assertEquals(4, orders.size(), "3 tries naming the old certificate, then 1 without: " + orders);
    }

    @Test
    void aHangingRenewalInfoEndpointIsAskedConcurrentlyAndNotAgainOnTheNextRun() throws Exception {
        List<String> names = List.of("ari1.example.test", "ari2.example.test", "ari3.example.test",
                "ari4.example.test");
        issue(names.toArray(String[]::new));
        proxy.on("renewal").always(Fault.noAnswer());

        Cli.Result first = acmectl("renew", "--all", "--parallel", "4", "--no-random-sleep");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("not due 4"), first::toString);
        List<FaultProxy.Seen> asked = proxy.seen("renewal");
        assertTrue(asked.size() >= 4, asked::toString);
        // Side by side: one at a time, each certificate's first question would come after the previous
        // one's tries had timed out (2 s each).
        List<Instant> firstTries = asked.stream().map(FaultProxy.Seen::at).sorted().limit(4).toList();
        assertTrue(Duration.between(firstTries.get(0), firstTries.get(3)).toMillis() < 3500, asked::toString);
        for (String name : names) {
            String next = Metadata.of(store, name).at("/renewal/ari-next-check").asText();
            assertTrue(Instant.parse(next).isAfter(Instant.now().plus(Duration.ofMinutes(30))), name + " " + next);
        }

        proxy.forgetSeen();
        Cli.Result second = acmectl("renew", "--all", "--parallel", "4", "--no-random-sleep");
        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(List.of(), proxy.seen("renewal"), "asked again on the very next run");
    }
}
