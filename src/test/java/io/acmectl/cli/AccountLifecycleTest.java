package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.KeyType;
import io.acmectl.crypto.Pem;
import io.acmectl.testing.Accounts;
import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/** register, recover, show, update, rollover and deactivate against a real Pebble. */
class AccountLifecycleTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(Path configDir, String... args) {
        return Cli.run(PEBBLE.options(configDir), args);
    }

    private Path accountFolder(Path configDir) throws Exception {
        return Accounts.only(configDir, Accounts.serverId(PEBBLE));
    }

    private static String accountUrl(Cli.Result result) {
        return result.out().split(" ")[result.out().startsWith("Registered") ? 2 : 3];
    }

    /** Asks the CA directly, without acmectl, whether a key still opens the account. */
    private static boolean keyOpensAnAccount(KeyPair key) {
        try {
            Session session = new Session(PEBBLE.directory(), new io.acmectl.acme.AcmeSessions(PEBBLE.caBundle())
                    .open(io.acmectl.core.CaServer.resolve(PEBBLE.directory().toString())).provider());
            new AccountBuilder().onlyExisting().useKeyPair(key).createLogin(session);
            return true;
        } catch (AcmeException e) {
            return false;
        }
    }

    @Test
    void anAccountIsRecoveredFromItsKeyAloneWithTheSameUrl(@TempDir Path keys) throws Exception {
        Cli.Result registered = acmectl(store, "register", "--agree-tos", "-m", "ops@example.com");
        assertEquals(0, registered.exitCode(), registered::toString);
        Path key = Files.copy(accountFolder(store).resolve("account.key"), keys.resolve("saved.key"));

        Path newStore = keys.resolve("new-store");
        Cli.Result recovered = acmectl(newStore, "recover", "--key", key.toString());
        assertEquals(0, recovered.exitCode(), recovered::toString);
        assertTrue(recovered.out().startsWith("Recovered account " + accountUrl(registered)), recovered::toString);
        String json = Files.readString(accountFolder(newStore).resolve("account.json"));
        assertTrue(json.contains(accountUrl(registered)), json);
        assertTrue(json.contains("ops@example.com"), json);

        Cli.Result again = acmectl(newStore, "account", "recover");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().startsWith("Already in the store"), again::toString);
    }

    @Test
    void recoveringWithAnUnknownKeyCreatesNothing(@TempDir Path keys) throws Exception {
        Path key = keys.resolve("unknown.pem");
        KeyPair unknown = KeyType.EC256.generate();
        Files.writeString(key, Pem.keyPair(unknown));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")); // a key others can read is refused
        Cli.Result result = acmectl(store, "recover", "--key", key.toString());
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("acmectl: error: no account for this key at " + PEBBLE.directory() + "\n", result.err());
        assertFalse(keyOpensAnAccount(unknown), "recover must not have created an account");
        assertEquals(List.of(), Accounts.in(store, Accounts.serverId(PEBBLE)));
    }

    @Test
    void showAndUpdateTalkToTheCa() throws Exception {
        assertEquals(0, acmectl(store, "register", "--agree-tos", "-m", "a@example.com").exitCode());
        Cli.Result update = acmectl(store, "account", "update", "-m", "b@example.com", "-m", "c@example.com");
        assertEquals(0, update.exitCode(), update::toString);

        Cli.Result show = acmectl(store, "account", "show");
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.out().contains("Status:   valid"), show::toString);
        assertTrue(show.out().contains("Contacts: mailto:b@example.com, mailto:c@example.com"), show::toString);
        assertTrue(show.out().contains("Key:      ec256, thumbprint "), show::toString);
        assertTrue(Files.readString(accountFolder(store).resolve("account.json")).contains("c@example.com"));
    }

    @Test
    void rolloverMovesTheAccountToTheNewKey() throws Exception {
        assertEquals(0, acmectl(store, "register", "--agree-tos").exitCode());
        Path folder = accountFolder(store);
        KeyPair oldKey = Pem.readKeyPair(Files.readString(folder.resolve("account.key")), "old");

        Cli.Result rollover = acmectl(store, "account", "rollover", "--key-type", "rsa2048");
        assertEquals(0, rollover.exitCode(), rollover::toString);
        KeyPair newKey = Pem.readKeyPair(Files.readString(folder.resolve("account.key")), "new");
        assertEquals("RSA", newKey.getPrivate().getAlgorithm());
        assertFalse(Files.exists(folder.resolve("account.key.next")));
        assertEquals("rw-------", IssueEndToEndTest.mode(folder.resolve("account.key")));

        assertFalse(keyOpensAnAccount(oldKey), "the CA must refuse the old key");
        assertTrue(keyOpensAnAccount(newKey), "the CA must know the new key");
        Cli.Result show = acmectl(store, "account", "show");
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.out().contains("rsa2048"), show::toString);
    }

    @Test
    void aDeactivatedAccountIsRefusedClearly() throws Exception {
        assertEquals(0, acmectl(store, "register", "--agree-tos").exitCode());
        Cli.Result unconfirmed = acmectl(store, "account", "deactivate");
        assertEquals(2, unconfirmed.exitCode(), unconfirmed::toString);
        assertTrue(unconfirmed.err().contains("pass --yes"), unconfirmed::toString);

        KeyPair key = Pem.readKeyPair(Files.readString(accountFolder(store).resolve("account.key")), "key");
        Cli.Result deactivated = acmectl(store, "account", "deactivate", "--yes");
        assertEquals(0, deactivated.exitCode(), deactivated::toString);
        assertTrue(Files.readString(accountFolder(store).resolve("account.json")).contains("deactivated"));

        Cli.Result show = acmectl(store, "account", "show");
        assertEquals(1, show.exitCode(), show::toString);
        assertTrue(show.err().contains("is deactivated"), show::toString);
        assertTrue(deactivatedAtCa(key), "the CA must report the account deactivated");
    }

    private static boolean deactivatedAtCa(KeyPair key) {
        try {
            Session session = new Session(PEBBLE.directory(), new io.acmectl.acme.AcmeSessions(PEBBLE.caBundle())
                    .open(io.acmectl.core.CaServer.resolve(PEBBLE.directory().toString())).provider());
            new AccountBuilder().onlyExisting().useKeyPair(key).createLogin(session).getAccount().fetch();
            return false;
        } catch (AcmeException e) {
            return e.getMessage().toLowerCase().contains("deactivated");
        }
    }

    @Test
    void accountPicksOneOfSeveralAccountsOfAServer(@TempDir Path keys) throws Exception {
        Cli.Result first = acmectl(store, "register", "--agree-tos", "-m", "first@example.com");
        Path second = keys.resolve("second.pem");
        Files.writeString(second, Pem.keyPair(KeyType.EC384.generate()));
        Files.setPosixFilePermissions(second, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Cli.Result other = acmectl(store, "register", "--agree-tos", "-m", "second@example.com", "--key",
                second.toString());
        assertEquals(0, other.exitCode(), other::toString);
        assertTrue(other.out().startsWith("Registered account"), other::toString);
        assertNotEquals(accountUrl(first), accountUrl(other));

        Cli.Result showDefault = acmectl(store, "account", "show");
        assertTrue(showDefault.out().contains("Account:  " + accountUrl(first)), showDefault::toString);
        Cli.Result showSecond = Cli.run(Stream.concat(PEBBLE.options(store).stream(),
                Stream.of("--account", accountUrl(other))).toList(), "account", "show");
        assertEquals(0, showSecond.exitCode(), showSecond::toString);
        assertTrue(showSecond.out().contains("Account:  " + accountUrl(other)), showSecond::toString);
        assertTrue(showSecond.out().contains("ec384"), showSecond::toString);

        Cli.Result unknown = Cli.run(Stream.concat(PEBBLE.options(store).stream(),
                Stream.of("--account", "nope")).toList(), "account", "show");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("no account 'nope'"), unknown::toString);
    }

    @Test
    void aCertbotJwkAccountKeyIsImported(@TempDir Path keys) throws Exception {
        KeyPair rsa = KeyType.RSA2048.generate();
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.getPrivate();
        // certbot's accounts/<server>/directory/<id>/private_key.json
        String jwk = "{\"n\": \"" + b64(k.getModulus()) + "\", \"e\": \"" + b64(k.getPublicExponent())
                + "\", \"d\": \"" + b64(k.getPrivateExponent()) + "\", \"p\": \"" + b64(k.getPrimeP())
                + "\", \"q\": \"" + b64(k.getPrimeQ()) + "\", \"dp\": \"" + b64(k.getPrimeExponentP())
                + "\", \"dq\": \"" + b64(k.getPrimeExponentQ()) + "\", \"qi\": \"" + b64(k.getCrtCoefficient())
                + "\", \"kty\": \"RSA\"}";
        Path file = Files.writeString(keys.resolve("private_key.json"), jwk);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")); // as certbot writes it

        Cli.Result registered = acmectl(store, "register", "--agree-tos", "--key", file.toString());
        assertEquals(0, registered.exitCode(), registered::toString);
        assertTrue(registered.out().startsWith("Registered account"), registered::toString);
        KeyPair stored = Pem.readKeyPair(Files.readString(accountFolder(store).resolve("account.key")), "stored");
        assertEquals(List.of(rsa.getPublic()), List.of(stored.getPublic()));
        assertTrue(keyOpensAnAccount(rsa));

        Cli.Result twice = acmectl(store, "register", "--agree-tos", "--key", file.toString());
        assertEquals(0, twice.exitCode(), twice::toString);
        assertTrue(twice.out().startsWith("Already registered"), twice::toString);
        assertEquals(accountUrl(registered), accountUrl(twice));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
