package io.acmectl.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.testing.BindServer;
import io.acmectl.testing.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Rfc2136Publisher} against a real BIND: every record is read back from the server itself. */
class Rfc2136PublisherTest {
    @RegisterExtension
    static final BindServer BIND = BindServer.builder()
            .zone("example.test", "* A 127.0.0.1",
                    "_acme-challenge.www CNAME _acme-challenge.www.acme-delegated.test.")
            .zone("acme-delegated.test")
            .build();

    @TempDir
    Path dir;

    private HostPort server() {
        return new HostPort("127.0.0.1", BIND.port());
    }

    private Rfc2136Publisher publisher(String zone, BindServer.Key key) throws Exception {
        return Rfc2136Publisher.open(new DnsPublisher.Rfc2136(server(), zone, key.name(), key.algorithm(),
                BindServer.secretFile(dir, key)));
    }

    private static TxtRecord record(String name, String value) {
        return new TxtRecord("x.example.test", name, value, 0, List.of("x.example.test"));
    }

    @Test
    void addsTheValueAndDeletesExactlyIt() throws Exception {
        Rfc2136Publisher publisher = publisher(null, BIND.key());
        String name = "_acme-challenge.two.example.test.";
        publisher.add(record(name, "first-value"));
        assertEquals(List.of("first-value"), BIND.txt(name));

        publisher.add(record(name, "second-value"));
        assertEquals(Set.of("first-value", "second-value"), Set.copyOf(BIND.txt(name)));

        publisher.remove(record(name, "first-value"));
        assertEquals(List.of("second-value"), BIND.txt(name));
        publisher.remove(record(name, "second-value"));
        assertEquals(List.of(), BIND.txt(name));
    }

    @Test
    void leavesValuesItDidNotAddAlone() throws Exception {
        Rfc2136Publisher publisher = publisher("example.test", BIND.key());
        String name = "_acme-challenge.shared.example.test.";
        publisher.add(record(name, "someone-elses"));
        publisher.add(record(name, "ours"));
        publisher.remove(record(name, "ours"));
        publisher.remove(record(name, "never-added"));
        assertEquals(List.of("someone-elses"), BIND.txt(name));
    }

    @Test
    void usesAShortTtl() throws Exception {
        String name = "_acme-challenge.ttl.example.test.";
        publisher(null, BIND.key()).add(record(name, "v"));
        long ttl = BIND.query(name, org.xbill.DNS.Type.TXT).getSection(org.xbill.DNS.Section.ANSWER).get(0).getTTL();
        assertEquals(Rfc2136Publisher.TTL, ttl);
    }

    @ParameterizedTest
    @MethodSource("io.acmectl.testing.BindServer#algorithms")
    void signsWithEachAlgorithm(String algorithm) throws Exception {
        String name = "_acme-challenge." + algorithm + ".example.test.";
        Rfc2136Publisher publisher = publisher(null, BIND.key(algorithm));
        publisher.add(record(name, algorithm));
        assertEquals(List.of(algorithm), BIND.txt(name));
        publisher.remove(record(name, algorithm));
        assertEquals(List.of(), BIND.txt(name));
    }

    @Test
    void findsTheZoneOfADelegatedNameBySoa() throws Exception {
        // The CNAME at _acme-challenge.www.example.test sends the record to another zone of the server:
        // even with example.test configured, the update goes to acme-delegated.test.
        String target = "_acme-challenge.www.acme-delegated.test.";
        Rfc2136Publisher publisher = publisher("example.test", BIND.key());
        publisher.add(record(target, "delegated"));
        assertEquals(List.of("delegated"), BIND.txt(target));
        assertTrue(BIND.log().contains("updating zone 'acme-delegated.test/IN'"), BIND.log());
        publisher.remove(record(target, "delegated"));
        assertEquals(List.of(), BIND.txt(target));
    }

    @Test
    void valuesLongerThanOneDnsStringRoundTrip() throws Exception {
        String name = "_validation-persist.long.example.test.";
        String value = "ca.example; accounturi=https://ca.example/acme/acct/" + "1".repeat(300);
        Rfc2136Publisher publisher = publisher(null, BIND.key());
        publisher.add(record(name, value));
        assertEquals(List.of(value), BIND.txt(name));
        publisher.remove(record(name, value));
        assertEquals(List.of(), BIND.txt(name));
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        Rfc2136Publisher publisher = publisher(null, BIND.key());
        String name = "_acme-challenge.parallel.example.test.";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> adds = new ArrayList<>();
            IntStream.range(0, 8).forEach(i -> adds.add(pool.submit(() -> publisher.add(record(name, "v" + i)))));
            for (Future<?> add : adds) {
                add.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, Set.copyOf(BIND.txt(name)).size(), BIND.txt(name).toString());
    }

    @Test
    void aWrongSecretIsNamedWithTheServerAndTheTsigError() throws Exception {
        BindServer.Key right = BIND.key();
        BindServer.Key wrong = new BindServer.Key(right.name(), right.algorithm(),
                java.util.Base64.getEncoder().encodeToString("not the server's secret, 32 byte".getBytes()));
        Rfc2136Publisher publisher = publisher(null, wrong);
        String name = "_acme-challenge.wrong.example.test.";
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> publisher.add(record(name, "v")));
        String message = failure.getMessage();
        assertTrue(message.contains("127.0.0.1:" + BIND.port()), message);
        assertTrue(message.contains(name), message);
        assertTrue(message.contains("NOTAUTH") && message.contains("BADSIG"), message);
        assertFalse(message.contains(wrong.secret()) || message.contains(right.secret()), message);
        assertFalse(message.contains("\n"), message);
        assertEquals(List.of(), BIND.txt(name));
    }

    @Test
    void aKeyTheServerDoesNotKnowIsNamed() throws Exception {
        BindServer.Key unknown = new BindServer.Key("nobody.", "hmac-sha256", BIND.key().secret());
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> publisher(null, unknown).add(record("_acme-challenge.unknown.example.test.", "v")));
        assertTrue(failure.getMessage().contains("BADKEY") && failure.getMessage().contains("nobody."),
                failure.getMessage());
    }

    @Test
    void aSecretFileOthersMayReadIsRefusedWithItsMode() throws Exception {
        Path file = BindServer.secretFile(dir, BIND.key());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> Rfc2136Publisher.open(
                new DnsPublisher.Rfc2136(server(), null, BIND.key().name(), "hmac-sha256", file)));
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("rw-r--r--"), failure.getMessage());
        assertFalse(failure.getMessage().contains(BIND.key().secret()), failure.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThrows(Failure.BadInput.class, () -> Rfc2136Publisher.open(
                new DnsPublisher.Rfc2136(server(), null, BIND.key().name(), "hmac-sha256", file)));
    }

    @Test
    void missingAndMalformedSecretFilesAreNamed() throws Exception {
        Path missing = dir.resolve("absent.key");
        Failure.BadInput gone = assertThrows(Failure.BadInput.class, () -> open(missing, "hmac-sha256"));
        assertTrue(gone.getMessage().contains(missing.toString()) && gone.getMessage().contains("no such file"),
                gone.getMessage());

        Path malformed = privateFile("secret: not-base64!\n");
        Failure.BadInput bad = assertThrows(Failure.BadInput.class, () -> open(malformed, "hmac-sha256"));
        assertTrue(bad.getMessage().contains(malformed.toString()), bad.getMessage());
        assertFalse(bad.getMessage().contains("not-base64"), bad.getMessage());
        assertFalse(bad.getMessage().contains("\n"), bad.getMessage());

        Failure.BadInput empty = assertThrows(Failure.BadInput.class, () -> open(privateFile("\n"), "hmac-sha256"));
        assertTrue(empty.getMessage().contains("no base64 secret"), empty.getMessage());
    }

    @Test
    void readsTheKeyClauseTsigKeygenWrites() throws Exception {
        BindServer.Key key = BIND.key("hmac-sha512");
        Path file = privateFile("key \"" + key.name() + "\" {\n\talgorithm hmac-sha512;\n\tsecret \""
                + key.secret() + "\";\n};\n");
        String name = "_acme-challenge.clause.example.test.";
        Rfc2136Publisher.open(new DnsPublisher.Rfc2136(server(), null, key.name(), "HMAC-SHA512.", file))
                .add(record(name, "from-a-key-clause"));
        assertEquals(List.of("from-a-key-clause"), BIND.txt(name));

        Failure.BadInput mismatch = assertThrows(Failure.BadInput.class, () -> open(file, "hmac-sha256"));
        assertTrue(mismatch.getMessage().contains("hmac-sha512") && mismatch.getMessage().contains("hmac-sha256"),
                mismatch.getMessage());
    }

    @Test
    void anUnknownAlgorithmIsRefused() throws Exception {
        Path file = BindServer.secretFile(dir, BIND.key());
        Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> open(file, "hmac-sha3-256"));
        assertTrue(failure.getMessage().contains("hmac-sha3-256") && failure.getMessage().contains("hmac-sha256"),
                failure.getMessage());
    }

    @Test
    void aNameOutsideEveryZoneOfTheServerIsNamed() throws Exception {
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> publisher(null, BIND.key()).add(record("_acme-challenge.elsewhere.invalid.", "v")));
        assertTrue(failure.getMessage().contains("_acme-challenge.elsewhere.invalid.")
                && failure.getMessage().contains("127.0.0.1:" + BIND.port()), failure.getMessage());
    }

    @Test
    void aServerThatDoesNotListenIsNamedAtOnce() throws Exception {
        HostPort nobody = new HostPort("127.0.0.1", LoopbackPorts.freePort());
        Rfc2136Publisher publisher = Rfc2136Publisher.open(new DnsPublisher.Rfc2136(nobody, "example.test",
                BIND.key().name(), "hmac-sha256", BindServer.secretFile(dir, BIND.key())));
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                () -> publisher.add(record("_acme-challenge.a.example.test.", "v")));
        assertTrue(failure.getMessage().contains(nobody.toString()), failure.getMessage());
    }

    private Rfc2136Publisher open(Path file, String algorithm) {
        return Rfc2136Publisher.open(new DnsPublisher.Rfc2136(server(), null, BIND.key().name(), algorithm, file));
    }

    private Path privateFile(String text) throws Exception {
        Path file = Files.createTempFile(dir, "secret-", ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
        return file;
    }
}
