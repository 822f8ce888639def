package io.acmectl.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An advisory lock on one thing (a certificate lineage, the accounts of a server, a listening port),
 * held with fcntl through {@link FileChannel#tryLock()}: released by the kernel if the process dies,
 * so a crashed run never leaves a stale lock behind.
 */
public final class LockFile implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * The lock files this process holds. fcntl locks belong to the process, and closing ANY descriptor
     * of a file drops all of them: probing a lock that another thread holds with a second channel
     * would silently hand it to a sibling process. So a held lock is answered from here, and no second
     * descriptor is ever opened for it. Guarded by itself.
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final FileChannel channel;
    private final Path path;

    private LockFile(FileChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    /** The lock if nobody holds it now, else empty: for work that another run is already doing. */
    public static Optional<LockFile> tryAcquire(Path lockFile) throws IOException {
        Path path = lockFile.toAbsolutePath().normalize();
        AtomicFiles.ensureDirectory(path.getParent());
        synchronized (HELD) {
            if (HELD.contains(path)) {
                return Optional.empty(); // another thread of this process holds it: the same as another process
            }
            FileChannel channel = open(path);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    HELD.add(path);
                    return Optional.of(new LockFile(channel, path));
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close(); // we held no lock on this file, so closing drops nothing of ours
            return Optional.empty();
        }
    }

    /**
     * Never through a link: one planted at a lock's name (by anyone who can write the folder) would
     * otherwise have us create (or lock) a file of their choosing. O_NOFOLLOW makes the open
     * itself refuse, so checking first and opening after leaves no gap; the check gives the words.
     */
    private static FileChannel open(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw symbolicLink(path);
        }
        try {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(path)) {
                throw symbolicLink(path);
            }
            throw e;
        }
    }

    private static IOException symbolicLink(Path path) {
        return new IOException("the lock file " + path + " is a symbolic link, which acmectl never creates; "
                + "remove it (and find out who put it there)");
    }

    /** Waits up to {@code patience} for the lock: for short critical sections such as registration. */
    public static Optional<LockFile> acquire(Path lockFile, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<LockFile> lock = tryAcquire(lockFile);
            if (lock.isPresent() || System.nanoTime() > deadline) {
                return lock;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Releasing cannot usefully fail: closing the channel (or the process ending) drops the lock anyway. */
    @Override
    public void close() {
        synchronized (HELD) {
            try {
                channel.close();
            } catch (IOException e) {
                // the kernel has dropped the lock with the descriptor
            } finally {
                HELD.remove(path);
            }
        }
    }
}
