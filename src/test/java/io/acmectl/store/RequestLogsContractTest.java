package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmectl.core.RequestLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request logs' rules in both stores: what an update returns is what is read back, a week's
 * entries are kept and older ones dropped, a change that throws leaves nothing, and updates from
 * several threads at once are all counted.
 */
abstract class RequestLogsContractTest {
    static final String SERVER = "ca.test";
    static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    Store store;

    abstract Store newStore(Path root);

    @BeforeEach
    void openStore() {
        store = newStore(dir.resolve("store"));
        store.open();
    }

    static RequestLog.Entry order(Instant at, String... names) {
        return new RequestLog.Entry(RequestLog.Kind.ORDER, at, "https://ca.test/acct/1", List.of(names),
                RequestLog.Exemption.NONE);
    }

    @Test
    void whatAnUpdateStoresIsReadBackPerServer() {
        RequestLog.Entry certificate = new RequestLog.Entry(RequestLog.Kind.CERTIFICATE, NOW, "https://ca.test/a",
                List.of("a.example.com", "b.example.com"), RequestLog.Exemption.RENEWAL);
        RequestLog.Entry failed = new RequestLog.Entry(RequestLog.Kind.FAILED_VALIDATION, NOW, "https://ca.test/a",
                List.of("a.example.com"), RequestLog.Exemption.ARI);
        store.requestLogs().update(SERVER, NOW, log -> log.with(order(NOW, "a.example.com")).with(certificate)
                .with(failed));
        assertEquals(List.of(order(NOW, "a.example.com"), certificate, failed),
                store.requestLogs().read(SERVER, NOW).entries());
        assertEquals(RequestLog.EMPTY, store.requestLogs().read("other.test", NOW));
    }

    static RequestLog.Entry entry(RequestLog.Kind kind, Instant at, String name) {
        return new RequestLog.Entry(kind, at, "https://ca.test/acct/1", List.of(name), RequestLog.Exemption.NONE);
    }

    @Test
    void eachEntryIsKeptForTheWindowThatCountsItsKind() {
        List<RequestLog.Entry> kept = new ArrayList<>();
        RequestLog written = RequestLog.EMPTY;
        for (RequestLog.Kind kind : RequestLog.Kind.values()) {
            Instant old = NOW.minus(RequestLog.retention(kind));
            RequestLog.Entry recent = entry(kind, old.plusSeconds(1), "recent.test");
            written = written.with(entry(kind, old, "old.test")).with(recent);
            kept.add(recent);
        }
        RequestLog all = written;
        store.requestLogs().update(SERVER, NOW, log -> all);
        assertEquals(kept, store.requestLogs().read(SERVER, NOW).entries());
        assertEquals(Duration.ofHours(3), RequestLog.retention(RequestLog.Kind.ORDER));
        assertEquals(Duration.ofDays(7), RequestLog.retention(RequestLog.Kind.CERTIFICATE));
        assertEquals(Duration.ofHours(1), RequestLog.retention(RequestLog.Kind.FAILED_VALIDATION));
        RequestLog later = store.requestLogs().update(SERVER, NOW.plus(Duration.ofDays(7)), log -> log);
        assertEquals(List.of(), later.entries());
    }

    @Test
    void aChangeThatThrowsStoresNothing() {
        store.requestLogs().update(SERVER, NOW, log -> log.with(order(NOW, "kept.test")));
        assertThrows(IllegalStateException.class, () -> store.requestLogs().update(SERVER, NOW, log -> {
            log.with(order(NOW, "dropped.test"));
            throw new IllegalStateException("refused");
        }));
        assertEquals(List.of(order(NOW, "kept.test")), store.requestLogs().read(SERVER, NOW).entries());
    }

    @Test
    void twoThreadsOfFiftyUpdatesEachAreAllCounted() throws Exception {
        assertEquals(100, concurrently(store, store, 50));
    }

    /** Two writers adding {@code each} entries at once; returns how many the log holds after. */
    static int concurrently(Store one, Store two, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<?> first = CompletableFuture.runAsync(() -> add(one, "one", each), pool);
            CompletableFuture<?> second = CompletableFuture.runAsync(() -> add(two, "two", each), pool);
            CompletableFuture.allOf(first, second).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        return one.requestLogs().read(SERVER, NOW).entries().size();
    }

    private static void add(Store store, String who, int count) {
        for (int i = 0; i < count; i++) {
            String name = who + i + ".example.com";
            store.requestLogs().update(SERVER, NOW, log -> log.with(order(NOW, name)));
        }
    }
}
