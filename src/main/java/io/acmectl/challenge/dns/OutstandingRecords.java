package io.acmectl.challenge.dns;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TXT records this JVM added (or began to add) and has not removed yet. When acmectl is stopped
 * in between (Ctrl-C, SIGTERM), a shutdown hook removes them, bounded by {@link #PATIENCE}: a record
 * left behind is a stale answer in somebody's zone. Each record is claimed once, by its solver's
 * clean-up or by the hook, so no record is removed twice.
 */
final class OutstandingRecords {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(OutstandingRecords.class);
    private static final Map<Entry, Boolean> OUTSTANDING = new ConcurrentHashMap<>();
    private static volatile boolean hookInstalled;

    /** By identity of the publisher: two solvers with equal specs are still two. */
    private record Entry(Publisher publisher, TxtRecord record) {}

    private record Publisher(TxtPublisher publisher) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Publisher p && p.publisher == publisher;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(publisher);
        }
    }

    private OutstandingRecords() {}

    /** Before {@code publisher.add(record)}: from now on the record is removed, one way or another. */
    static void added(TxtPublisher publisher, TxtRecord record) {
        installHook();
        OUTSTANDING.put(new Entry(new Publisher(publisher), record), Boolean.TRUE);
    }

    /** True once: whoever gets it removes the record. */
    static boolean claim(TxtPublisher publisher, TxtRecord record) {
        return OUTSTANDING.remove(new Entry(new Publisher(publisher), record)) != null;
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(OutstandingRecords::removeAll, "acmectl-dns-cleanup"));
            hookInstalled = true;
        }
    }

    /** The shutdown hook: removes what is left, each record once, in a worker it waits for up to {@link #PATIENCE}. */
    static void removeAll() {
        if (OUTSTANDING.isEmpty()) {
            return;
        }
        Thread worker = new Thread(() -> {
            for (Entry entry : List.copyOf(OUTSTANDING.keySet())) {
                if (claim(entry.publisher().publisher(), entry.record())) {
                    LOG.warn("stopped before the TXT record at {} was removed: removing it now", entry.record().name());
                    try {
                        entry.publisher().publisher().remove(entry.record());
                    } catch (RuntimeException e) {
                        LOG.warn("could not remove the TXT record at {}: {}", entry.record().name(), e.getMessage());
                    }
                }
            }
        }, "acmectl-dns-cleanup-worker");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warn("gave up removing TXT records after {} s: {} may stay in DNS", PATIENCE.toSeconds(),
                    OUTSTANDING.size() + 1);
        }
    }
}
