package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.core.StoredAccount;
import io.acmectl.crypto.Pem;
import io.acmectl.files.AtomicFiles;
import io.acmectl.files.LockFile;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code accounts/<server>/<account-id>/{account.key,account.json}}. A new account is prepared in a
 * hidden folder holding its key before the CA is asked, and renamed into place once the CA knows
 * it: a failed registration leaves nothing, and a crash after it leaves the key, never an account
 * whose key is lost. Changes hold {@code locks/accounts-<server>.lock}.
 */
final class FileAccounts implements Accounts {
    private static final String KEY_FILE = AccountKeyFiles.KEY;
    private static final String INFO_FILE = "account.json";

    private final Path folder;
    private final Path locks;

    FileAccounts(Path folder, Path locks) {
        this.folder = folder;
        this.locks = locks;
    }

    /** Reads account.json only: listing accounts never parses (or needs to read) a private key. */
    @Override
    public List<StoredAccount> list(String serverId) {
        Path server = serverFolder(serverId);
        if (!Files.isDirectory(server)) {
            return List.of();
        }
        List<StoredAccount> accounts = new ArrayList<>();
        try (Stream<Path> entries = Files.list(server)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry.resolve(INFO_FILE))) {
                    accounts.add(read(entry));
                }
            }
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot list " + server + ": " + e.getMessage(), e);
        }
        accounts.sort(Comparator.comparing(StoredAccount::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return accounts;
    }

    @Override
    public KeyPair key(String serverId, StoredAccount account) {
        return AccountKeyFiles.key(accountFolder(serverId, account));
    }

    @Override
    public Optional<KeyPair> stagedKey(String serverId, StoredAccount account) {
        return AccountKeyFiles.staged(accountFolder(serverId, account));
    }

    @Override
    public <T> T edit(String serverId, Duration patience, Function<AccountEditor, T> work) {
        try (LockFile held = StoreLocks.accounts(locks, serverId, patience);
                GuardedAccountEditor editor = new GuardedAccountEditor(serverId, new Editor(serverId))) {
            return work.apply(editor);
        }
    }

    private Path serverFolder(String serverId) {
        return folder.resolve(AccountIds.checkServerId(serverId));
    }

    private Path accountFolder(String serverId, StoredAccount account) {
        return serverFolder(serverId).resolve(AccountIds.checkAccountId(account.id()));
    }

    private static StoredAccount read(Path accountFolder) {
        Path file = accountFolder.resolve(INFO_FILE);
        try {
            return Documents.read(file, AccountRecord.class).toAccount(accountFolder.getFileName().toString());
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A key written for an account the CA has not confirmed yet, in its hidden folder. */
    private record Pending(String serverId, Path folder, KeyPair keyPair) implements AccountEditor.PendingAccount {}

    /** The writes, reachable only through the guard {@link #edit} wraps around it. */
    private final class Editor extends ReadingAccountEditor {
        Editor(String serverId) {
            super(FileAccounts.this, serverId);
        }

        @Override
        public PendingAccount prepare(KeyPair key) {
            Path pending = serverFolder(serverId).resolve(".pending-" + UUID.randomUUID());
            Path file = pending.resolve(KEY_FILE);
            try {
                AtomicFiles.write(file, Pem.keyPair(key).getBytes(StandardCharsets.US_ASCII), AtomicFiles.SECRET);
            } catch (IOException e) {
                throw new Failure.StoreFailure("cannot write " + file + ": " + e.getMessage(), e);
            }
            return new Pending(serverId, pending, key);
        }

        @Override
        public StoredAccount commit(PendingAccount pending, String serverUrl, URL accountUrl, List<String> contacts,
                Instant now) {
            Pending prepared = ours(pending);
            String id = AccountIds.idOf(accountUrl);
            Path target = serverFolder(serverId).resolve(id);
            if (Files.exists(target)) {
                // Registering a key the CA already knows returns the same account: keep the one copy.
                StoredAccount known = read(target);
                abandon(prepared);
                return known;
            }
            StoredAccount account = new StoredAccount(id, serverUrl, accountUrl, contacts, now, StoredAccount.VALID);
            try {
                Documents.write(prepared.folder().resolve(INFO_FILE), AccountRecord.of(account));
                Files.move(prepared.folder(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new Failure.StoreFailure("cannot store the account " + accountUrl + " in " + target
                        + " (its key is in " + prepared.folder() + "): " + e.getMessage(), e);
            }
            return account;
        }

        @Override
        public void abandon(PendingAccount pending) {
            Path prepared = ours(pending).folder();
            try (Stream<Path> files = Files.list(prepared)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
                Files.delete(prepared);
            } catch (IOException e) {
                // Leaving a pending folder behind is harmless: it is hidden and never read as an account.
            }
        }

        @Override
        public void update(StoredAccount account) {
            Path file = existing(account).resolve(INFO_FILE);
            try {
                Documents.write(file, AccountRecord.of(account));
            } catch (IOException e) {
                throw new Failure.StoreFailure("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        /** Written beside the old key before the CA is asked, so it is never lost whatever happens next. */
        @Override
        public void stageKey(StoredAccount account, KeyPair newKey) {
            AccountKeyFiles.stage(existing(account), newKey);
        }

        @Override
        public Optional<KeyPair> stagedKey(StoredAccount account) {
            return FileAccounts.this.stagedKey(serverId, account);
        }

        @Override
        public void promoteStagedKey(StoredAccount account) {
            AccountKeyFiles.promote(existing(account));
        }

        @Override
        public void dropStagedKey(StoredAccount account) {
            AccountKeyFiles.drop(accountFolder(serverId, account));
        }

        /** Writing into a folder that is gone would make an account without a key. */
        private Path existing(StoredAccount account) {
            Path accountFolder = accountFolder(serverId, account);
            if (!Files.isDirectory(accountFolder)) {
                throw new Failure.StoreFailure("cannot change the account " + account.url() + " in " + accountFolder
                        + ": it is no longer there", null);
            }
            return accountFolder;
        }

        private Pending ours(PendingAccount pending) {
            if (pending instanceof Pending prepared && prepared.serverId().equals(serverId)) {
                return prepared;
            }
            throw new IllegalArgumentException("this pending account was not prepared for the accounts of " + serverId);
        }
    }
}
