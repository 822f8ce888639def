package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.crypto.Pem;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.files.AtomicFiles;
import io.acmectl.files.Permissions;
import io.acmectl.files.Leftovers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;

/**
 * The keys in one account's folder, each 0600: {@code account.key}, the one it signs with; during a
 * key rollover {@code account.key.next}, the new key, written before the CA is asked; and
 * {@code account.key.old}, the key before the last rollover. Every step is durable, so a run stopped
 * anywhere leaves the key the CA has in {@code account.key} or {@code account.key.next}. Written only
 * under the accounts' lock.
 */
final class AccountKeyFiles {
    static final String KEY = "account.key";
    static final String STAGED = KEY + ".next";
    static final String OLD = KEY + ".old";

    private AccountKeyFiles() {}

    /** The account key; one that others can read (someone chmod-ed it) is refused, with the fix. */
    static KeyPair key(Path accountFolder) {
        Permissions.checkPrivateFile(accountFolder.resolve(KEY), "account key");
        return read(accountFolder.resolve(KEY));
    }

    static void write(Path file, KeyPair key) throws IOException {
        AtomicFiles.write(file, Pem.keyPair(key).getBytes(StandardCharsets.US_ASCII), AtomicFiles.SECRET);
    }

    static Optional<KeyPair> staged(Path accountFolder) {
        Path file = accountFolder.resolve(STAGED);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(file));
        } catch (Failure.StoreFailure e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Optional.empty(); // promoted or dropped a moment ago
            }
            throw e;
        }
    }

    static void stage(Path accountFolder, KeyPair newKey) {
        Path next = accountFolder.resolve(STAGED);
        try {
            Leftovers.removeAllIn(accountFolder); // a stopped run's temporary files: ours, under the lock
            write(next, newKey);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot write the new account key " + next + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code account.key.old}, then {@code account.key} rewritten, then {@code account.key.next}
     * removed. A staged key that is {@code account.key} already (a promotion stopped before its last
     * step) is only removed: the backup stays the key before it.
     */
    static void promote(Path accountFolder) {
        Path staged = accountFolder.resolve(STAGED);
        Path key = accountFolder.resolve(KEY);
        try {
            Leftovers.removeAllIn(accountFolder);
            byte[] next = Files.readAllBytes(staged);
            byte[] current = Files.readAllBytes(key);
            if (!PublicKeys.same(parse(next).getPublic(), parse(current).getPublic())) {
                AtomicFiles.write(accountFolder.resolve(OLD), current, AtomicFiles.SECRET);
                AtomicFiles.write(key, next, AtomicFiles.SECRET);
            }
            AtomicFiles.remove(staged);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot move the new account key into place in " + accountFolder
                    + " (the CA has it; it is " + STAGED + " there): " + e.getMessage(), e);
        }
    }

    static void drop(Path accountFolder) {
        try {
            if (Files.exists(accountFolder.resolve(STAGED), LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.remove(accountFolder.resolve(STAGED));
            }
        } catch (IOException e) {
            // the next run asks the CA about it again, and drops it then
        }
    }

    private static KeyPair read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair parse(byte[] content) throws IOException {
        return Pem.readKeyPair(new String(content, StandardCharsets.US_ASCII), "it");
    }
}
