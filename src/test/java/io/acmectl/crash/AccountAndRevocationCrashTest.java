package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.acmectl.acme.AccountClient;
import io.acmectl.core.CertificateName;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.store.FileStore;
import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The crash harness of {@link CrashSafetyTest} for {@code account rollover} and {@code revoke}: the
 * child dies right before each write point in turn ({@code -Dacmectl.crashAt=N}). After a rollover's
 * death the account is usable with whichever key the CA has (a stop after the CA switched and before
 * the new key was promoted is recovered by the next run) and no key the CA knows is lost; after a
 * revocation's death the CA has revoked it and the store says so, or the next {@code revoke} completes it.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class)
class AccountAndRevocationCrashTest {
    private static final int MAX_POINTS = 30;

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

    private Path accountFolder() throws Exception {
        try (Stream<Path> files = Files.walk(store.resolve("accounts"))) {
            return files.filter(p -> p.getFileName().toString().equals("account.json")).map(Path::getParent)
                    .findFirst().orElseThrow();
        }
    }

    private static KeyPair key(Path file) throws Exception {
        return Pem.readKeyPair(Files.readString(file), file.getFileName().toString());
    }

    private static boolean same(KeyPair a, KeyPair b) {
        return PublicKeys.same(a.getPublic(), b.getPublic());
    }

    @Test
    void aRolloverKilledAtEachWritePointLeavesTheAccountUsableWithTheKeyTheCaHas() throws Exception {
        assertEquals(0, acmectl("register", "--agree-tos").exitCode());
        Path folder = accountFolder();
        ChildRun child = child();
        int switchedUnrecorded = 0;
        for (int at = 1; at <= MAX_POINTS; at++) {
            String when = "rollover killed before write point " + at;
            KeyPair before = key(folder.resolve("account.key"));
            ChildRun.Result run = child.crashingAt(at, "account", "rollover");
            if (run.exitCode() == 0) {
                System.out.println("rollover: " + (at - 1) + " write points (" + switchedUnrecorded + " after the CA "
                        + "switched, recovered), a whole run took " + run.took().toMillis() + " ms");
                assertTrue(at > 3, "a rollover stages the key, keeps the old one, moves the new one: " + at);
                assertTrue(switchedUnrecorded > 0, "no write point came after the CA switched keys");
                usable(folder, when + " (none)");
                return;
            }
            assertEquals(ChildRun.KILLED, run.exitCode(), () -> when + "\n" + run);
            Path next = folder.resolve("account.key.next");
            Optional<KeyPair> staged = Files.exists(next) ? Optional.of(key(next)) : Optional.empty();
            KeyPair left = key(folder.resolve("account.key"));
            KeyPair now = usable(folder, when);
            if (!same(before, now)) {
                assertTrue(staged.isPresent() && same(staged.get(), now), when + ": a key from nowhere");
                assertTrue(same(before, key(folder.resolve("account.key.old"))), when + ": the old key is not kept");
                switchedUnrecorded += same(left, before) ? 1 : 0; // the CA had it, the store only staged
            }
            Cli.Result again = acmectl("account", "rollover");
            assertEquals(0, again.exitCode(), () -> when + ": the next rollover failed\n" + again);
            assertTrue(same(now, key(folder.resolve("account.key.old"))), when + ": the next rollover's backup");
            usable(folder, when + ", then the next rollover");
            assertEquals(java.util.List.of(), Invariants.leftovers(folder, ""), when + ": temporary files");
        }
        fail("a rollover with more than " + MAX_POINTS + " write points");
    }

    /** {@code account show} works, signing with account.key, and nothing is left staged; returns that key. */
    private KeyPair usable(Path folder, String when) throws Exception {
        Cli.Result show = acmectl("account", "show");
        assertEquals(0, show.exitCode(), () -> when + ": the account is not usable\n" + show);
        KeyPair now = key(folder.resolve("account.key"));
        assertTrue(show.out().contains("thumbprint " + AccountClient.thumbprint(now)), () -> when + "\n" + show);
        assertFalse(Files.exists(folder.resolve("account.key.next")), when + ": a staged key left after a run");
        return now;
    }

    @Test
    void aRevocationKilledAtEachWritePointIsRevokedAndRecordedOrCompletedByTheNextRevoke() throws Exception {
        ChildRun child = null;
        for (int at = 1; at <= MAX_POINTS; at++) {
            String name = "revoked" + at + ".example.test";
            String when = "revoke killed before write point " + at;
            Cli.Result issued = acmectl("issue", name, "--standalone", "--http-port",
                    Integer.toString(PEBBLE.httpPort()), "--http-address", "127.0.0.1", "--agree-tos");
            assertEquals(0, issued.exitCode(), issued::toString);
            child = child == null ? child() : child;
            String serial = Invariants.whole(store, name, "issued").serial();
            ChildRun.Result run = child.crashingAt(at, "revoke", "--cert-name", name, "--yes");
            if (run.exitCode() == 0) {
                System.out.println("revocation: " + (at - 1) + " write points, a whole run took "
                        + run.took().toMillis() + " ms");
                assertTrue(at > 1, "a revocation records itself in the lineage: " + at);
                revokedAndRecorded(name, serial, when + " (none)");
                return;
            }
            assertEquals(ChildRun.KILLED, run.exitCode(), () -> when + "\n" + run);
            Invariants.whole(store, name, when);
            boolean atTheCa = PEBBLE.management("/cert-status-by-serial/" + serial).contains("\"Status\": \"Revoked\"");
            Cli.Result next = acmectl("revoke", "--cert-name", name, "--yes");
            assertEquals(0, next.exitCode(), () -> when + ": the next revoke failed\n" + next);
            assertEquals(atTheCa, next.out().contains("already revoked"), () -> when + "\n" + next);
            revokedAndRecorded(name, serial, when + ", then the next revoke");
        }
        fail("a revocation with more than " + MAX_POINTS + " write points");
    }

    private void revokedAndRecorded(String name, String serial, String when) throws Exception {
        assertTrue(PEBBLE.management("/cert-status-by-serial/" + serial).contains("\"Status\": \"Revoked\""), when);
        Invariants.Served served = Invariants.settled(store, name, when);
        assertEquals(serial, served.serial(), when);
        assertTrue(new FileStore(store).lineages().find(CertificateName.of(name)).orElseThrow().isRevoked(),
                when + ": the store does not record the revocation");
    }
}
