package io.acmectl.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * An advisory lock on one thing in the store (a certificate lineage, the accounts of a server),
 * held with fcntl through {@link FileChannel#tryLock()}: released by the kernel if the process dies,
 * so a crashed run never leaves a stale lock behind.
 */
public final class StoreLock implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    private final FileChannel channel;

    private StoreLock(FileChannel channel) {
        this.channel = channel;
    }

    /** The lock if nobody holds it now, else empty: for work that another run is already doing. */
    public static Optional<StoreLock> tryAcquire(Path lockFile) throws IOException {
        AtomicFiles.ensureDirectory(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new StoreLock(channel));
            }
        } catch (OverlappingFileLockException e) {
            // another thread of this process holds it: the same as another process holding it
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    /** Waits up to {@code patience} for the lock: for short critical sections such as registration. */
    public static Optional<StoreLock> acquire(Path lockFile, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<StoreLock> lock = tryAcquire(lockFile);
            if (lock.isPresent() || System.nanoTime() > deadline) {
                return lock;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Releasing cannot usefully fail: closing the channel (or the process ending) drops the lock anyway. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the kernel has dropped the lock with the descriptor
        }
    }
}
