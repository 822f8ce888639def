package io.acmectl.store;

import io.acmectl.AcmectlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The configuration directory: accounts, certificates and their locks. Everything under it is
 * written through {@link AtomicFiles}; everything that changes a lineage holds its {@link StoreLock}.
 */
public final class Store {
    private final Path root;
    private final AccountStore accounts;
    private final CertificateStore certificates;

    public Store(Path root) {
        this.root = root.toAbsolutePath();
        this.accounts = new AccountStore(this.root.resolve("accounts"));
        this.certificates = new CertificateStore(this.root);
    }

    public Path root() {
        return root;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public CertificateStore certificates() {
        return certificates;
    }

    /** Makes sure the store exists and is ours to write, before any work is done for it. */
    public void open() {
        try {
            AtomicFiles.ensureDirectory(root);
        } catch (IOException e) {
            throw AcmectlException.store("cannot create the store at " + root + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(root)) {
            throw AcmectlException.store("the store at " + root + " is not writable by this user", null);
        }
    }

    /**
     * A value worth keeping between runs because it is slow to compute, stored as JSON under
     * {@code cache/NAME.json} with the key it was computed for; recomputed when the key differs.
     * A cache that cannot be read or written is simply not used.
     */
    public <T> T cached(String name, String key, Class<T> type, java.util.function.Supplier<T> compute) {
        Path file = root.resolve("cache").resolve(name + ".json");
        try {
            if (Files.isRegularFile(file)) {
                CacheEntry entry = Documents.read(file, CacheEntry.class);
                if (key.equals(entry.key()) && entry.value() != null) {
                    return Documents.convert(entry.value(), type);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // stale or damaged: computed again below
        }
        T value = compute.get();
        try {
            Documents.write(file, new CacheEntry(key, Documents.tree(value)));
        } catch (IOException | IllegalArgumentException e) {
            // the next run computes it again
        }
        return value;
    }

    record CacheEntry(String key, com.fasterxml.jackson.databind.JsonNode value) {}

    /** Another run working on the same lineage makes this empty; it never waits. */
    public Optional<StoreLock> tryLockCertificate(String name) {
        try {
            return StoreLock.tryAcquire(lockFile("certificate-" + name));
        } catch (IOException e) {
            throw AcmectlException.store("cannot lock certificate " + name + ": " + e.getMessage(), e);
        }
    }

    /** Serialises registrations for one server, so two runs never create two accounts. */
    public StoreLock lockAccounts(String serverId, Duration patience) {
        try {
            return StoreLock.acquire(lockFile("accounts-" + serverId), patience)
                    .orElseThrow(() -> new LockedException("another acmectl has held the account lock for "
                            + serverId + " for more than " + patience.toSeconds() + " s"));
        } catch (IOException e) {
            throw AcmectlException.store("cannot lock the accounts of " + serverId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AcmectlException.store("interrupted while waiting for the account lock", e);
        }
    }

    /** Where the lock files are; other owners of store-wide resources (a listening port) lock there too. */
    public Path lockFolder() {
        return root.resolve("locks");
    }

    private Path lockFile(String name) {
        return root.resolve("locks").resolve(name + ".lock");
    }
}
