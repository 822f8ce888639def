package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.Policy;
import io.acmectl.core.RateLimits;
import io.acmectl.core.RequestLog;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file form of the request logs: where it lives, what it looks like, and two runs writing at once. */
class FileRequestLogsTest extends RequestLogsContractTest {
    @Override
    Store newStore(Path root) {
        return new FileStore(root);
    }

    private Path root() {
        return store.root();
    }

    @Test
    void twoRunsOnOneStoreCountEveryRequestOfBoth() throws Exception {
        // Two FileStores on one folder share nothing in memory, as two processes would: only the lock file.
        assertEquals(100, concurrently(store, new FileStore(root()), 50));
    }

    @Test
    void theLogIsOneDocumentPerServerInWordsAUserCanRead() throws Exception {
        store.requestLogs().update(SERVER, NOW, log -> log.with(order(NOW, "a.example.com")).with(
                new RequestLog.Entry(RequestLog.Kind.FAILED_VALIDATION, NOW, "https://ca.test/acct/1",
                        List.of("a.example.com"), RequestLog.Exemption.ARI)));
        JsonNode file = new ObjectMapper().readTree(root().resolve("ratelimits/ca.test.json").toFile());
        assertEquals("order", file.at("/requests/0/kind").asText());
        assertEquals("2026-11-02T10:00:00Z", file.at("/requests/0/at").asText());
        assertFalse(file.at("/requests/0").has("exemption"));
        assertEquals("failed-validation", file.at("/requests/1/kind").asText());
        assertEquals("ari", file.at("/requests/1/exemption").asText());
        assertTrue(Files.exists(root().resolve("locks/ratelimits-ca.test.lock")));
    }

    @Test
    void whatANewerVersionWroteIsReadOnTheSideOfCounting() throws Exception {
        Files.createDirectories(root().resolve("ratelimits"));
        Files.writeString(root().resolve("ratelimits/ca.test.json"), """
                {"requests": [
                  {"kind": "order", "at": "2026-11-02T09:00:00Z", "account": "a", "names": ["x.test"],
                   "exemption": "some-new-exemption", "some-new-field": 1},
                  {"kind": "some-new-kind", "at": "2026-11-02T09:00:00Z", "account": "a", "names": ["y.test"]}
                ]}""");
        List<RequestLog.Entry> read = store.requestLogs().read(SERVER, NOW).entries();
        assertEquals(1, read.size());
        assertEquals(RequestLog.Exemption.NONE, read.get(0).exemption());
    }

    @Test
    void whatOneStoreWroteOverManyUpdatesAnotherReadsTheSame() throws Exception {
        for (int i = 0; i < 30; i++) {
            Instant at = NOW.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(10L * i));
            RequestLog.Entry certificate = new RequestLog.Entry(RequestLog.Kind.CERTIFICATE, at, "https://ca.test/a",
                    List.of("c" + i + ".example.com", "www.c" + i + ".example.com"), RequestLog.Exemption.RENEWAL);
            // Each update prunes the orders of more than three hours before it, the certificates stay.
            store.requestLogs().update(SERVER, at, log -> log.with(order(at, "o" + at + ".example.com"))
                    .with(certificate));
        }
        Instant last = NOW.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(290));
        List<RequestLog.Entry> written = store.requestLogs().read(SERVER, last).entries();
        assertEquals(30 + 18, written.size(), "30 certificates, the orders of the last three hours");
        assertEquals(written, new FileStore(root()).requestLogs().read(SERVER, last).entries());
        JsonNode file = new ObjectMapper().readTree(root().resolve("ratelimits/ca.test.json").toFile());
        assertEquals(written.size(), file.get("requests").size());
    }

    @Test
    void aLogChangedSinceThisStoreLastWroteItIsReadAgain() throws Exception {
        store.requestLogs().update(SERVER, NOW, log -> log.with(order(NOW, "a.example.com")));
        Path file = root().resolve("ratelimits/ca.test.json");
        Files.writeString(file, Files.readString(file).replace("a.example.com", "b.example.com")); // same size
        RequestLog read = store.requestLogs().update(SERVER, NOW, log -> log);
        assertEquals(List.of(order(NOW, "b.example.com")), read.entries());
        Files.writeString(file, "{\"requests\": [");
        assertThrows(Failure.StoreFailure.class, () -> store.requestLogs().read(SERVER, NOW), "not the copy it kept");
    }

    @Test
    void aDamagedLogIsAnErrorThatSaysHowToStartAfreshNotAnEmptyLog() throws Exception {
        Files.createDirectories(root().resolve("ratelimits"));
        Files.writeString(root().resolve("ratelimits/ca.test.json"), "{\"requests\": [");
        Failure.StoreFailure e = assertThrows(Failure.StoreFailure.class,
                () -> store.requestLogs().update(SERVER, NOW, log -> log));
        assertTrue(e.getMessage().contains("ratelimits/ca.test.json"), e.getMessage());
        assertTrue(e.getMessage().contains("removing it starts them afresh"), e.getMessage());
    }

    @Test
    void theCachedWantListKeepsItsRateLimitsAndPolicy() {
        WantList wanted = new WantList(Path.of("/etc/acmectl/want.yaml"), Hooks.NONE, List.of(),
                new RateLimits(0, 0, 2, 0), new Policy(List.of("example.com", "*.example.org")));
        store.cachedWantList("k", () -> wanted);
        assertEquals(wanted, store.cachedWantList("k", () -> {
            throw new AssertionError("the cache must be used");
        }));
        WantList auto = new WantList(Path.of("/etc/acmectl/want.yaml"), Hooks.NONE, List.of());
        store.cachedWantList("k2", () -> auto);
        assertEquals(auto, store.cachedWantList("k2", () -> {
            throw new AssertionError("the cache must be used");
        }));
    }
}
