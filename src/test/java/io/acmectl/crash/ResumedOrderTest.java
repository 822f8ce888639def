package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.cli.ExitCode;
import io.acmectl.testing.Cli;
import io.acmectl.testing.FaultProxy;
import io.acmectl.testing.FaultProxy.Fault;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An order a run could not complete, the CA's answer lost on the way ({@link FaultProxy} in front of
 * Pebble): the run fails and keeps the order ({@code archive/NAME/pending-order.json}); the next run
 * completes that very order, whatever state it is in, rather than placing another: each order
 * counts against the CA's limits. One the CA no longer knows is ordered anew. A dry run never
 * writes the record, nor touches one.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class)
class ResumedOrderTest {
    private static final String NAME = "resumed.example.test";

    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path store;

    FaultProxy proxy;

    @BeforeEach
    void issueThroughAProxy() throws Exception {
        proxy = FaultProxy.start(PEBBLE, store);
        Cli.Result issued = acmectl("issue", NAME, "--standalone", "--http-port", Integer.toString(PEBBLE.httpPort()),
                "--http-address", "127.0.0.1", "--agree-tos");
        assertEquals(0, issued.exitCode(), issued::toString);
        proxy.forgetSeen();
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
        assertEquals(List.of(), proxy.bugs(), "the proxy itself failed");
    }

    private Cli.Result acmectl(String... args) {
        return Cli.run(proxy.options(store), args);
    }

    private Cli.Result renew(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("renew", "--cert-name", NAME, "--force",
                "--no-random-sleep"));
        args.addAll(List.of(more));
        return acmectl(args.toArray(String[]::new));
    }

    private Path pendingRecord() {
        return store.resolve("archive").resolve(NAME).resolve("pending-order.json");
    }

    private KeyPair pendingKey() throws Exception {
        return Invariants.pendingKey(store, NAME, 1).orElseThrow(() -> new AssertionError("no pending order"));
    }

    /** A renewal that fails with the CA's answers to {@code path} lost, and leaves its order pending. */
    private KeyPair failedWithAnswersLostOn(String path) throws Exception {
        proxy.on(path).always(Fault.drop());
        Cli.Result failed = renew();
        assertEquals(ExitCode.CA_UNREACHABLE.code, failed.exitCode(), failed::toString);
        assertEquals(1, Invariants.whole(store, NAME, "after the failed renewal").version());
        proxy.heal();
        return pendingKey();
    }

    /** The renewal stored the certificate of the pending order's key, with no order but the first. */
    private void completedWithTheOneOrder(KeyPair pending, Cli.Result result) throws Exception {
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(1, proxy.seen("/order-plz").size(), "a second order was placed");
        assertEquals(2, Invariants.settled(store, NAME, "the renewal that resumed").version());
        assertTrue(Invariants.serves(store, NAME, pending), "live/ serves another key than the pending order's");
        assertFalse(Files.exists(pendingRecord()));
    }

    @Test
    void aFinalizeThatNeverReachedTheCaIsSentByTheNextRunForTheSameOrder() throws Exception {
        KeyPair pending = failedWithAnswersLostOn("/finalize-order/");
        Cli.Result resumed = renew();
        completedWithTheOneOrder(pending, resumed);
        assertFalse(proxy.seen("/finalize-order/").isEmpty(), "the order was ready: finalized by the next run");
    }

    @Test
    void aCertificateWhoseDownloadWasLostIsFetchedByTheNextRun() throws Exception {
        KeyPair pending = failedWithAnswersLostOn("/certZ/");
        int finalizes = proxy.seen("/finalize-order/").size();
        Cli.Result resumed = renew();
        completedWithTheOneOrder(pending, resumed);
        assertEquals(finalizes, proxy.seen("/finalize-order/").size(), "the order was valid: no finalize again");
    }

    @Test
    void anOrderTheCaDoesNotKnowIsOrderedAnew() throws Exception {
        KeyPair pending = failedWithAnswersLostOn("/finalize-order/");
        String record = Files.readString(pendingRecord());
        Files.writeString(pendingRecord(), record.replaceAll("(/my-order/)[^\"]+", "$1no-such-order"));
        Cli.Result anew = renew();
        assertEquals(0, anew.exitCode(), anew::toString);
        assertEquals(2, proxy.seen("/order-plz").size());
        assertEquals(2, Invariants.settled(store, NAME, "the renewal that ordered anew").version());
        assertFalse(Invariants.serves(store, NAME, pending));
    }

    @Test
    void aDryRunNeitherWritesAPendingOrderNorTouchesOne() throws Exception {
        proxy.on("/finalize-order/").always(Fault.drop());
        Cli.Result dryFailed = renew("--dry-run");
        assertNotEquals(0, dryFailed.exitCode(), dryFailed::toString);
        assertFalse(Files.exists(pendingRecord()), "a dry run wrote a pending order");
        proxy.heal();
        KeyPair pending = failedWithAnswersLostOn("/finalize-order/");
        String record = Files.readString(pendingRecord());

        Cli.Result dry = renew("--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertEquals(record, Files.readString(pendingRecord()), "a dry run touched the pending order");
        proxy.forgetSeen();
        Cli.Result resumed = renew();
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertEquals(0, proxy.seen("/order-plz").size(), "a second order was placed");
        assertTrue(Invariants.serves(store, NAME, pending));
    }
}
