package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code delete} killed before each of its write points leaves the lineage as it was, or without its live
 * files (and a second delete finishes), or listed nowhere (an archive no reader looks at, and a new
 * issuance of the name works): never a lineage that is listed but cannot be read.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // issues through Pebble's http-01 port
class DeletionCrashTest {
    private static final int MAX_POINTS = 10;

    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path store;

    @TempDir
    Path logs;

    private Cli.Result acmectl(String... args) {
        return Cli.run(PEBBLE.options(store), args);
    }

    private Cli.Result issue(String name) {
        return acmectl("issue", name, "--standalone", "--http-port", Integer.toString(PEBBLE.httpPort()),
                "--http-address", "127.0.0.1", "--agree-tos");
    }

    private List<Path> files(String name) {
        return List.of(store.resolve("live").resolve(name), store.resolve("archive").resolve(name),
                store.resolve("renewal").resolve(name + ".json"));
    }

    @Test
    void aDeletionKilledAtEachWritePointLeavesTheLineageOrNothingListed() throws Exception {
        ChildRun child = new ChildRun(PEBBLE.options(store), logs);
        for (int at = 1; at <= MAX_POINTS; at++) {
            String name = "deleted" + at + ".example.test";
            String when = "delete killed before write point " + at;
            assertEquals(0, issue(name).exitCode(), when);
            ChildRun.Result run = child.crashingAt(at, "delete", "--cert-name", name, "--yes");
            if (run.exitCode() == 0) {
                System.out.println("deletion: " + (at - 1) + " write points");
                assertTrue(at > 3, "live/, the record and the archive are each a write point: " + at);
                files(name).forEach(file -> assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), file::toString));
                return;
            }
            assertEquals(ChildRun.KILLED, run.exitCode(), () -> when + "\n" + run);
            Cli.Result listing = acmectl("certificates");
            assertEquals(0, listing.exitCode(), () -> when + ": certificates must still read the store\n" + listing);
            if (listing.out().contains(name)) {
                Cli.Result again = acmectl("delete", "--cert-name", name, "--yes");
                assertEquals(0, again.exitCode(), () -> when + ": a second delete must finish\n" + again);
                files(name).forEach(file -> assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS),
                        () -> when + ": " + file));
            } else {
                assertFalse(Files.exists(store.resolve("live").resolve(name), LinkOption.NOFOLLOW_LINKS), when);
                Cli.Result unknown = acmectl("delete", "--cert-name", name, "--yes");
                assertEquals(2, unknown.exitCode(), () -> when + "\n" + unknown);
                Cli.Result reissued = issue(name);
                assertEquals(0, reissued.exitCode(), () -> when + ": issuing the name again\n" + reissued);
            }
        }
        fail("a deletion with more than " + MAX_POINTS + " write points");
    }
}
