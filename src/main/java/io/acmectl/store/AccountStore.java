package io.acmectl.store;

import io.acmectl.AcmectlException;
import io.acmectl.crypto.Pem;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code accounts/<server>/<account-id>/{account.key,account.json}}. A new account is prepared in a
 * hidden folder holding its key before the CA is asked, and renamed into place once the CA knows
 * it: a failed registration leaves nothing, and a crash after it leaves the key, never an account
 * whose key is lost.
 */
public final class AccountStore {
    private static final String KEY_FILE = "account.key";
    private static final String INFO_FILE = "account.json";
    private static final String STAGED_KEY_FILE = KEY_FILE + ".next";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path root;

    AccountStore(Path root) {
        this.root = root;
    }

    /** The account to use for a server: the oldest one that is not deactivated. */
    public Optional<StoredAccount> find(String serverId) {
        return list(serverId).stream().filter(a -> !a.isDeactivated()).findFirst();
    }

    /** One account by its folder name, or the one whose URL is given. */
    public Optional<StoredAccount> find(String serverId, String idOrUrl) {
        return list(serverId).stream()
                .filter(a -> a.id().equals(idOrUrl) || a.url().toString().equals(idOrUrl))
                .findFirst();
    }

    /** Rewrites account.json (contacts, status); the key is left alone. */
    public void update(String serverId, StoredAccount account) {
        Path folder = folder(serverId, account);
        try {
            Documents.write(folder.resolve(INFO_FILE), AccountInfo.of(account));
        } catch (IOException e) {
            throw AcmectlException.store("cannot update " + folder.resolve(INFO_FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Key rollover, step one: the new key is written beside the old one ({@code account.key.next})
     * before the CA is asked, so it is never lost whatever happens next.
     */
    public void stageKey(String serverId, StoredAccount account, KeyPair newKey) {
        Path next = folder(serverId, account).resolve(STAGED_KEY_FILE);
        try {
            AtomicFiles.write(next, Pem.keyPair(newKey).getBytes(StandardCharsets.US_ASCII), AtomicFiles.SECRET);
        } catch (IOException e) {
            throw AcmectlException.store("cannot write the new account key " + next + ": " + e.getMessage(), e);
        }
    }

    /** Key rollover, step two, once the CA confirmed: the old key moves to a backup, the new one in place. */
    public void promoteStagedKey(String serverId, StoredAccount account) {
        Path folder = folder(serverId, account);
        try {
            Files.copy(folder.resolve(KEY_FILE), folder.resolve(KEY_FILE + ".old"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(folder.resolve(STAGED_KEY_FILE), folder.resolve(KEY_FILE),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw AcmectlException.store("the CA has the new account key, but it could not be moved into place in "
                    + folder + " (it is account.key.next there): " + e.getMessage(), e);
        }
    }

    /** Removes a staged key the CA refused. */
    public void dropStagedKey(String serverId, StoredAccount account) {
        try {
            Files.deleteIfExists(folder(serverId, account).resolve(STAGED_KEY_FILE));
        } catch (IOException e) {
            // a stale account.key.next is never read as the account key
        }
    }

    public List<StoredAccount> list(String serverId) {
        Path folder = root.resolve(serverId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<StoredAccount> accounts = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry.resolve(INFO_FILE))) {
                    accounts.add(read(entry));
                }
            }
        } catch (IOException e) {
            throw AcmectlException.store("cannot read accounts in " + folder + ": " + e.getMessage(), e);
        }
        accounts.sort(Comparator.comparing(StoredAccount::createdAt));
        return accounts;
    }

    private Path folder(String serverId, StoredAccount account) {
        return root.resolve(serverId).resolve(account.id());
    }

    /** Writes the key of an account about to be registered; see the class comment. */
    public PendingAccount prepare(String serverId, KeyPair keyPair) {
        Path folder = root.resolve(serverId).resolve(".pending-" + UUID.randomUUID());
        try {
            AtomicFiles.write(folder.resolve(KEY_FILE), Pem.keyPair(keyPair).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.SECRET);
        } catch (IOException e) {
            throw AcmectlException.store("cannot write the account key in " + folder + ": " + e.getMessage(), e);
        }
        return new PendingAccount(serverId, folder, keyPair);
    }

    private StoredAccount read(Path folder) throws IOException {
        AccountInfo info = Documents.read(folder.resolve(INFO_FILE), AccountInfo.class);
        Path keyFile = folder.resolve(KEY_FILE);
        KeyPair keyPair = Pem.readKeyPair(Files.readString(keyFile), keyFile.toString());
        return new StoredAccount(folder.getFileName().toString(), info.server(), java.net.URI.create(info.url()).toURL(),
                info.contacts() == null ? List.of() : info.contacts(), info.createdAt(),
                info.status() == null ? StoredAccount.VALID : info.status(), keyPair);
    }

    /** A folder name for an account: the CA's own id where it is a plain token, else a digest of the URL. */
    static String idOf(URL url) {
        String path = url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (SAFE_ID.matcher(last).matches()) {
            return last;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What account.json holds; the key stays in its own 0600 file. */
    record AccountInfo(String url, String server, List<String> contacts, Instant createdAt, String status) {
        static AccountInfo of(StoredAccount account) {
            return new AccountInfo(account.url().toString(), account.server(), account.contacts(), account.createdAt(),
                    account.status());
        }
    }

    /** An account key waiting for the CA's answer: {@link #commit} it or {@link #abandon} it. */
    public final class PendingAccount {
        private final String serverId;
        private final Path folder;
        private final KeyPair keyPair;

        private PendingAccount(String serverId, Path folder, KeyPair keyPair) {
            this.serverId = serverId;
            this.folder = folder;
            this.keyPair = keyPair;
        }

        public KeyPair keyPair() {
            return keyPair;
        }

        public StoredAccount commit(String serverUrl, URL accountUrl, List<String> contacts, Instant now) {
            String id = idOf(accountUrl);
            Path target = root.resolve(serverId).resolve(id);
            StoredAccount account = new StoredAccount(id, serverUrl, accountUrl, contacts, now, StoredAccount.VALID,
                    keyPair);
            try {
                Documents.write(folder.resolve(INFO_FILE), AccountInfo.of(account));
                if (Files.exists(target)) {
                    // Registering a key the CA already knows returns the same account: keep one copy.
                    abandon();
                } else {
                    Files.move(folder, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw AcmectlException.store("cannot store the account " + accountUrl + " (its key is in "
                        + folder + "): " + e.getMessage(), e);
            }
            return account;
        }

        public void abandon() {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
                Files.delete(folder);
            } catch (IOException e) {
                // Leaving a pending folder behind is harmless: it is hidden and never read as an account.
            }
        }
    }
}
