package io.acmectl.challenge;

import io.acmectl.core.Failure;
import io.acmectl.files.LockFile;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host resources one run's solvers hold (a listening port), each locked with a lock file in a
 * folder shared by every acmectl run on the host, and held until {@link #close()}.
 *
 * <p>A second acmectl run waits up to {@code patience} for its sibling to finish with a port rather
 * than fail on it. That cannot deadlock, since a run holding a port never waits for a certificate
 * lock (it skips a locked certificate). Locks are taken here, not through the store: a port belongs
 * to the host, not to any certificate.
 */
public final class HostLocks implements AutoCloseable {
    /** How long a run waits for a sibling that answers on the same port. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(10);

    private final Path folder;
    private final Duration patience;
    private final Map<String, LockFile> held = new ConcurrentHashMap<>();
    /** One guard per lock file: two threads of this run wanting the same port take it once. */
    private final Map<String, Object> guards = new ConcurrentHashMap<>();
    private boolean closed;

    public HostLocks(Path folder, Duration patience) {
        if (patience.isNegative()) {
            throw new IllegalArgumentException("negative patience " + patience);
        }
        this.folder = folder;
        this.patience = patience;
    }

    /**
     * Locks the port of an http-01 listener ({@code address} null means every address) for the rest
     * of the run, waiting for a sibling run that holds it. Taking a port this run already holds
     * returns at once.
     */
    public void lockPort(String address, int port) {
        lock("http", "http-01", address, port);
    }

    /** As {@link #lockPort}, for the port of a tls-alpn-01 listener ({@code tls-ADDRESS-PORT.lock}). */
    public void lockTlsPort(String address, int port) {
        lock("tls", "tls-alpn-01", address, port);
    }

    private void lock(String prefix, String what, String address, int port) {
        String name = prefix + "-" + (address == null ? "any" : address) + "-" + port + ".lock";
        synchronized (guards.computeIfAbsent(name, n -> new Object())) {
            if (held.containsKey(name)) {
                // Asking the kernel again would look like a sibling holding it, and closing that
                // probe's descriptor would drop this process's lock (fcntl locks are per process).
                return;
            }
            LockFile lock = acquire(name, what, port);
            synchronized (this) {
                if (closed) {
                    lock.close();
                    throw new IllegalStateException("the host locks of this run are already released");
                }
                held.put(name, lock);
            }
        }
    }

    private LockFile acquire(String name, String what, int port) {
        try {
            return LockFile.acquire(folder.resolve(name), patience)
                    .orElseThrow(() -> new Failure.Locked("another acmectl run has been answering " + what
                            + " on port " + port + " for " + describe(patience)));
        } catch (InterruptedException | ClosedByInterruptException e) {
            // an interrupt in the middle of tryLock arrives as an IOException that closed the channel
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted while waiting for port " + port, e);
        } catch (IOException e) {
            throw new Failure.ChallengeSetup("cannot lock port " + port + " in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Releases every lock; a sibling run waiting for one takes it within its next poll. */
    @Override
    public synchronized void close() {
        closed = true;
        held.values().forEach(LockFile::close);
        held.clear();
    }

    private static String describe(Duration duration) {
        if (duration.toMinutes() > 0) {
            return plural(duration.toMinutes(), "minute");
        }
        if (duration.toSeconds() > 0) {
            return plural(duration.toSeconds(), "second");
        }
        return duration.toMillis() + " ms";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
