package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What a run asks of the CA, counted in the log of a Pebble of its own: nothing twice that the run
 * already has. Each request a run saves is a round trip to the CA for every certificate.
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class) // binds Pebble's http-01 port
class CaRequestsEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().dedicated().build();

    @TempDir
    Path store;

    private static long requests(String line) throws Exception {
        return PEBBLE.log().lines().filter(l -> l.contains(line)).count();
    }

    @Test
    void aBatchReadsTheDirectoryOnceNotBeforeEachOrderAndNonce() throws Exception {
        StringBuilder want = new StringBuilder("defaults:\n  agree-tos: true\n"
                + "  challenge: { standalone: { port: " + PEBBLE.httpPort() + ", address: 127.0.0.1 } }\n"
                + "certificates:\n");
        for (int i = 1; i <= 3; i++) {
            want.append("  - name: batch").append(i).append("\n    domains: [batch").append(i).append(".example.test]\n");
        }
        Files.writeString(store.resolve("want.yaml"), want);
        // Registered first: an account made by the batch itself is made under the store's lock, which
        // would line its threads up before the first read.
        assertEquals(0, Cli.run(PEBBLE.options(store), "register", "--agree-tos").exitCode());
        long directoryReads = requests("GET /dir");
        long orders = requests("POST /order-plz");

        Cli.Result issued = Cli.run(PEBBLE.options(store), "issue", "--all", "--parallel", "3");

        assertEquals(0, issued.exitCode(), issued::toString);
        assertEquals(orders + 3, requests("POST /order-plz"), "one order per certificate");
        // acme4j alone would read it again before each order and each new nonce: 7 reads, not 1; and the
        // three threads that find no directory at first would each read it.
        assertEquals(directoryReads + 1, requests("GET /dir"), "directory reads");
    }
}
