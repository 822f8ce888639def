package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.acmectl.core.CertificateName;
import io.acmectl.store.EarlierLayout;
import io.acmectl.store.FileStore;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Nothing lost, nothing let in, never stuck: acmectl runs as a process of its own and dies at every
 * write point of a renewal, a first issuance and a migration from the earlier layout (the test seam
 * {@code -Dacmectl.crashAt=N} halts it right before the Nth rename, as SIGKILL would), and at random
 * moments by SIGKILL. After each death live/ is a whole set and the metadata is of that set; the next
 * run (in-process) completes, and leaves the lineage settled; a run that died after the CA issued and
 * before it stored the certificate is completed with that certificate, not a second order. The
 * number of write points is found, not assumed: a run that exits 0 had fewer than N.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port, in child processes too
class CrashSafetyTest {
    private static final int MAX_POINTS = 30;
    private static final int RANDOM_KILLS = 4;

    // dedicated: a minute of child processes on the http-01 port would hold up every class sharing a Pebble
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().dedicated().build();

    @TempDir
    Path store;

    @TempDir
    Path logs;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private ChildRun child() throws Exception {
        return new ChildRun(PEBBLE.options(store), logs);
    }

    private String[] issue(String name) {
        return new String[] {"issue", name, "--standalone", "--http-port", Integer.toString(PEBBLE.httpPort()),
            "--http-address", "127.0.0.1", "--agree-tos"};
    }

    private static String[] renew(String name) {
        return new String[] {"renew", "--cert-name", name, "--force", "--no-random-sleep"};
    }

    /** The next run, which must complete and leave the lineage settled. */
    private void recover(String name, String when, String... args) throws Exception {
        Cli.Result next = acmectl(args);
        assertEquals(0, next.exitCode(), () -> when + ": the next run failed\n" + next);
        Invariants.settled(store, name, when + ", then the next run");
    }

    /**
     * The same; when the stopped run left an order the CA issued and it did not store (killed after
     * finalize), the next run stores that very certificate, of the order's key, and places no order.
     * Returns whether it did.
     */
    private boolean recoverOrResume(String name, String when, int servedVersion, String... args) throws Exception {
        Optional<KeyPair> pending = Invariants.pendingKey(store, name, servedVersion);
        long before = orders();
        recover(name, when, args);
        if (pending.isEmpty()) {
            return false;
        }
        assertEquals(before, orders(), when + ": the next run ordered again instead of fetching the pending order");
        assertTrue(Invariants.serves(store, name, pending.get()), when + ": live/ must serve the pending order's "
                + "certificate");
        return true;
    }

    /** The orders Pebble was asked for so far (this class's Pebble is its own). */
    private static long orders() throws IOException {
        return PEBBLE.log().lines().filter(line -> line.contains("POST /order-plz")).count();
    }

    @Test
    void aRenewalKilledAtEachWritePointLeavesAWholeLineageAndTheNextRunCompletes() throws Exception {
        String name = "renewed.example.test";
        assertEquals(0, acmectl(issue(name)).exitCode());
        ChildRun child = child();
        boolean revokedOnce = false;
        int resumed = 0;
        for (int at = 1; at <= MAX_POINTS; at++) {
            String when = "renew killed before write point " + at;
            ChildRun.Result run = child.crashingAt(at, renew(name));
            if (run.exitCode() == 0) {
                System.out.println("renewal: " + (at - 1) + " write points (" + resumed + " after the CA issued, "
                        + "resumed), a whole run took " + run.took().toMillis() + " ms");
                assertTrue(at > 7, "a renewal writes four files, a folder, the link and the metadata: " + at);
                assertTrue(revokedOnce, "no write point left renewal/NAME.json behind live/");
                assertTrue(resumed > 0, "no write point came between the CA's issuance and the switch of live/");
                Invariants.settled(store, name, "renew with no write point " + at);
                return;
            }
            assertEquals(ChildRun.KILLED, run.exitCode(), () -> when + "\n" + run);
            Invariants.Served served = Invariants.whole(store, name, when);
            if (!revokedOnce && Invariants.copyLags(store, name, served)) {
                revokeByNameRevokesWhatLiveServes(name, served, when);
                revokedOnce = true;
            }
            resumed += recoverOrResume(name, when, served.version(), renew(name)) ? 1 : 0;
        }
        fail("a renewal with more than " + MAX_POINTS + " write points");
    }

    /** The case of issue 12: revoking by name after a stop between live/ and renewal/NAME.json. */
    private void revokeByNameRevokesWhatLiveServes(String name, Invariants.Served served, String when)
            throws Exception {
        String behind = Metadata.of(store, name).get("serial").asText();
        Cli.Result revoked = acmectl("revoke", "--cert-name", name, "--yes");
        assertEquals(0, revoked.exitCode(), () -> when + "\n" + revoked);
        assertTrue(PEBBLE.management("/cert-status-by-serial/" + served.serial()).contains("\"Status\": \"Revoked\""),
                when + ": the certificate live/ serves must be the one revoked");
        assertTrue(PEBBLE.management("/cert-status-by-serial/" + behind).contains("\"Status\": \"Valid\""),
                when + ": the one before it must not be");
    }

    @Test
    void aFirstIssuanceKilledAtEachWritePointLeavesNoLineageOrAWholeOne() throws Exception {
        assertEquals(0, acmectl(issue("account.example.test")).exitCode()); // the account exists from here on
        ChildRun child = child();
        int resumed = 0;
        for (int at = 1; at <= MAX_POINTS; at++) {
            String name = "first" + at + ".example.test";
            String when = "issue killed before write point " + at;
            ChildRun.Result run = child.crashingAt(at, issue(name));
            if (run.exitCode() == 0) {
                System.out.println("first issuance: " + (at - 1) + " write points (" + resumed + " after the CA "
                        + "issued, resumed), a whole run took " + run.took().toMillis() + " ms");
                assertTrue(at > 7, "an issuance writes four files, a folder, the link and the metadata: " + at);
                assertTrue(resumed > 0, "no write point came between the CA's issuance and the switch of live/");
                Invariants.settled(store, name, "issue with no write point " + at);
                return;
            }
            assertEquals(ChildRun.KILLED, run.exitCode(), () -> when + "\n" + run);
            int served = 0;
            if (Files.exists(store.resolve("live").resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                served = Invariants.whole(store, name, when).version();
            } else {
                FileStore files = new FileStore(store);
                assertTrue(files.lineages().find(CertificateName.of(name)).isEmpty(), when);
                assertFalse(files.lineages().names().contains(CertificateName.of(name)), when);
            }
            resumed += recoverOrResume(name, when, served, issue(name)) ? 1 : 0;
        }
        fail("an issuance with more than " + MAX_POINTS + " write points");
    }

    @Test
    void aMigrationKilledAtEachWritePointLeavesTheEarlierLayoutOrTheNewOne() throws Exception {
        String name = "migrated.example.test";
        assertEquals(0, acmectl(issue(name)).exitCode());
        ChildRun child = child();
        Path live = store.resolve("live").resolve(name);
        for (int at = 1; at <= MAX_POINTS; at++) {
            String when = "migrating renew killed before write point " + at;
            EarlierLayout.convert(store, name);
            ChildRun.Result run = child.crashingAt(at, renew(name));
            assertEquals(ChildRun.KILLED, run.exitCode(), () -> when + "\n" + run);
            List<Path> aside = Invariants.leftovers(store.resolve("live"), "." + name + ".");
            boolean migrated = Files.isSymbolicLink(live) && aside.isEmpty();
            if (Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
                Invariants.whole(store, name, when);
            } else {
                // the one window this design has: between renaming the earlier folder aside and the
                // link into its place (microseconds, once per lineage); the next run puts it back
                assertTrue(aside.stream().anyMatch(p -> p.toString().endsWith(".old")), when + ": " + aside);
            }
            recover(name, when, renew(name));
            if (migrated) {
                System.out.println("migration: done after write point " + at);
                assertTrue(at >= 3, "a migration renames the folder aside, the link in, and removes the folder");
                return;
            }
        }
        fail("a migration with more than " + MAX_POINTS + " write points");
    }

    @Test
    void aRenewalKilledAtRandomMomentsNeverLeavesLiveTornOrTheStoreStuck() throws Exception {
        String name = "random.example.test";
        assertEquals(0, acmectl(issue(name)).exitCode());
        ChildRun child = child();
        ChildRun.Result whole = child.crashingAt(0, renew(name));
        assertEquals(0, whole.exitCode(), whole::toString);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < RANDOM_KILLS; i++) {
            long millis = whole.took().toMillis() * (30 + random.nextInt(71)) / 100;
            String when = "renew killed " + millis + " ms after its start (seed " + seed + ")";
            ChildRun.Result run = child.killedAfter(Duration.ofMillis(millis), renew(name));
            assertTrue(run.exitCode() == ChildRun.KILLED || run.exitCode() == 0, () -> when + "\n" + run);
            Invariants.whole(store, name, when);
            recover(name, when, renew(name));
        }
    }
}
