package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.files.LockFile;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Taking the store's locks, with the same failures (and the same words) for both implementations. */
final class StoreLocks {
    private StoreLocks() {}

    /** A lineage's lock, now or never: another run working on it does the work. */
    static LockFile lineage(Path locks, CertificateName name) {
        Path lockFile = locks.resolve("certificate-" + name.value() + ".lock");
        try {
            return LockFile.tryAcquire(lockFile).orElseThrow(() -> lineageLocked(name));
        } catch (ClosedByInterruptException e) {
            // an interrupted thread's lock file is closed under it: the run is being stopped, not the store broken
            throw new Failure.Aborted("interrupted while taking the lock of certificate " + name, e);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** A server's accounts' lock, waiting up to {@code patience} for another run to finish with it. */
    static LockFile accounts(Path locks, String serverId, Duration patience) {
        Path lockFile = locks.resolve("accounts-" + AccountIds.checkServerId(serverId) + ".lock");
        return waitFor(lockFile, "the account lock of " + serverId, patience)
                .orElseThrow(() -> accountsLocked(serverId, patience));
    }

    /** The lock of a server's request log (the rate guard's counts), held for a read and a write. */
    static LockFile requestLog(Path locks, String serverId, Duration patience) {
        Path lockFile = locks.resolve("ratelimits-" + AccountIds.checkServerId(serverId) + ".lock");
        return waitFor(lockFile, "the rate-limit log lock of " + serverId, patience)
                .orElseThrow(() -> new Failure.Locked("another acmectl has held " + lockFile + " for more than "
                        + patience.toSeconds() + " s"));
    }

    private static Optional<LockFile> waitFor(Path lockFile, String what, Duration patience) {
        try {
            return LockFile.acquire(lockFile, patience);
        } catch (ClosedByInterruptException e) {
            throw new Failure.Aborted("interrupted while waiting for " + what, e);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted while waiting for " + what, e);
        }
    }

    /** A run over many certificates shows these as "skipped". */
    static Failure.Locked lineageLocked(CertificateName name) {
        return new Failure.Locked("certificate " + name
                + " is being worked on by another acmectl run; try again when it is done");
    }

    static Failure.Locked accountsLocked(String serverId, Duration patience) {
        return new Failure.Locked("another acmectl has held the account lock for " + serverId + " for more than "
                + patience.toSeconds() + " s");
    }
}
