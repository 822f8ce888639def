package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** External Account Binding against a Pebble that requires it. */
class EabTest {
    private static final String KID = "kid-acmectl";
    private static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().eab(KID, HMAC).build();

    @TempDir
    Path store;

    @Test
    void registeringWithoutBindingIsRefusedBeforeTheCaIsAsked() {
        Cli.Result result = Cli.run(PEBBLE.options(store), "register", "--agree-tos");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("requires External Account Binding: pass --eab-kid and --eab-hmac-key"),
                result::toString);
    }

    @Test
    void registeringWithTheBindingSucceeds() {
        Cli.Result result = Cli.run(PEBBLE.options(store), "register", "--agree-tos", "--eab-kid", KID,
                "--eab-hmac-key", HMAC);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Registered account"), result::toString);
    }

    @Test
    void aWrongMacKeyIsTheCasRefusal() {
        Cli.Result result = Cli.run(PEBBLE.options(store), "register", "--agree-tos", "--eab-kid", KID,
                "--eab-hmac-key", "AAAA" + HMAC.substring(4));
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("acmectl: error: the CA refused registering an account"), result::toString);
    }
}
