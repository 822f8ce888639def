package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.acme.AccountClient;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.testing.Cli;
import io.acmectl.testing.FaultProxy;
import io.acmectl.testing.FaultProxy.Fault;
import io.acmectl.testing.PebbleServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key rollover whose answer is lost ({@link FaultProxy} in front of Pebble): a failed request does
 * not say which key the CA kept, and dropping the new key after the CA took it would lose the
 * account for good. The CA is asked; the account ends with the key the CA has.
 */
class RolloverAnswerLostTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path store;

    FaultProxy proxy;
    Path folder;

    @BeforeEach
    void register() throws Exception {
        proxy = FaultProxy.start(PEBBLE, store);
        Cli.Result registered = acmectl("register", "--agree-tos");
        assertEquals(0, registered.exitCode(), registered::toString);
        try (Stream<Path> files = Files.walk(store.resolve("accounts"))) {
            folder = files.filter(p -> p.getFileName().toString().equals("account.json")).map(Path::getParent)
                    .findFirst().orElseThrow();
        }
    }

    @AfterEach
    void stopProxy() throws Exception {
        proxy.close();
        assertEquals(List.of(), proxy.bugs(), "the proxy itself failed");
    }

    private Cli.Result acmectl(String... args) {
        return Cli.run(proxy.options(store), args);
    }

    private KeyPair key(String file) throws Exception {
        return Pem.readKeyPair(Files.readString(folder.resolve(file)), file);
    }

    /** {@code account show} works, signing with {@code expected}, which is account.key then; nothing is staged. */
    private void usableWith(KeyPair expected) throws Exception {
        Cli.Result show = acmectl("account", "show");
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.out().contains("thumbprint " + AccountClient.thumbprint(expected)), show::toString);
        assertTrue(PublicKeys.same(expected.getPublic(), key("account.key").getPublic()), "account.key");
        assertFalse(Files.exists(folder.resolve("account.key.next")));
    }

    @Test
    void theCaSwitchedButItsAnswerWasLostAndTheRetryRefused() throws Exception {
        KeyPair old = key("account.key");
        proxy.on("/rollover-account-key").always(Fault.resetAfter(0)); // forwarded, answer lost, every time
        Cli.Result rollover = acmectl("account", "rollover");
        assertEquals(0, rollover.exitCode(), rollover::toString);
        proxy.heal();
        assertNotEquals(AccountClient.thumbprint(old), AccountClient.thumbprint(key("account.key")));
        assertTrue(PublicKeys.same(old.getPublic(), key("account.key.old").getPublic()), "the old key as backup");
        usableWith(key("account.key"));
    }

    @Test
    void theRequestNeverReachedTheCaAndTheNewKeyIsDropped() throws Exception {
        KeyPair old = key("account.key");
        proxy.on("/rollover-account-key").always(Fault.drop()); // not forwarded
        Cli.Result rollover = acmectl("account", "rollover");
        assertNotEquals(0, rollover.exitCode(), rollover::toString);
        proxy.heal();
        usableWith(old);
    }

    @Test
    void theCaCouldNotBeAskedAndTheNextRunSettlesIt() throws Exception {
        KeyPair old = key("account.key");
        proxy.on("/rollover-account-key").always(Fault.resetAfter(0));
        proxy.on("/sign-me-up").always(Fault.drop()); // the question which key the CA has goes unanswered too
        Cli.Result rollover = acmectl("account", "rollover");
        assertNotEquals(0, rollover.exitCode(), rollover::toString);
        KeyPair staged = key("account.key.next");
        assertTrue(PublicKeys.same(old.getPublic(), key("account.key").getPublic()));
        proxy.heal();
        usableWith(staged);
        assertTrue(PublicKeys.same(old.getPublic(), key("account.key.old").getPublic()), "the old key as backup");
    }
}
