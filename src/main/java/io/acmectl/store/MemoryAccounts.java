package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.core.StoredAccount;
import java.net.URL;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The accounts of a {@link MemoryStore}. The lock is a one-permit semaphore per server: like the
 * lock file, and unlike a reentrant lock, it refuses a second edit even from the same thread.
 */
final class MemoryAccounts implements Accounts {
    /** One account and its keys; {@code staged} is the rollover key waiting for the CA. */
    private static final class Entry {
        StoredAccount account;
        KeyPair key;
        KeyPair staged;

        Entry(StoredAccount account, KeyPair key) {
            this.account = account;
            this.key = key;
        }
    }

    /** Compared by identity: each prepare makes a new one, even for the same key. */
    private static final class Pending implements AccountEditor.PendingAccount {
        private final String serverId;
        private final KeyPair keyPair;

        Pending(String serverId, KeyPair keyPair) {
            this.serverId = serverId;
            this.keyPair = keyPair;
        }

        @Override
        public KeyPair keyPair() {
            return keyPair;
        }
    }

    private final Map<String, TreeMap<String, Entry>> servers = new HashMap<>();
    private final Map<String, Semaphore> locks = new HashMap<>();
    private final Set<Pending> pending = new HashSet<>();

    @Override
    public synchronized List<StoredAccount> list(String serverId) {
        List<StoredAccount> accounts = new ArrayList<>();
        servers.getOrDefault(AccountIds.checkServerId(serverId), new TreeMap<>())
                .values().forEach(entry -> accounts.add(entry.account));
        accounts.sort(Comparator.comparing(StoredAccount::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return accounts;
    }

    @Override
    public synchronized KeyPair key(String serverId, StoredAccount account) {
        return entry(serverId, account).key;
    }

    @Override
    public synchronized Optional<KeyPair> stagedKey(String serverId, StoredAccount account) {
        return Optional.ofNullable(entry(serverId, account).staged);
    }

    @Override
    public <T> T edit(String serverId, Duration patience, Function<AccountEditor, T> work) {
        Semaphore lock;
        synchronized (this) {
            lock = locks.computeIfAbsent(AccountIds.checkServerId(serverId), id -> new Semaphore(1));
        }
        try {
            if (!lock.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                throw StoreLocks.accountsLocked(serverId, patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure.Aborted("interrupted while waiting for the account lock of " + serverId, e);
        }
        try (GuardedAccountEditor editor = new GuardedAccountEditor(serverId, new Editor(serverId))) {
            return work.apply(editor);
        } finally {
            lock.release();
        }
    }

    private synchronized Entry entry(String serverId, StoredAccount account) {
        Entry entry = servers.getOrDefault(serverId, new TreeMap<>()).get(account.id());
        if (entry == null) {
            throw new Failure.StoreFailure("cannot find the account " + account.id() + " of " + serverId
                    + ": the memory store holds no such account", null);
        }
        return entry;
    }

    private final class Editor extends ReadingAccountEditor {
        Editor(String serverId) {
            super(MemoryAccounts.this, serverId);
        }

        @Override
        public PendingAccount prepare(KeyPair key) {
            Pending prepared = new Pending(serverId, key);
            synchronized (MemoryAccounts.this) {
                pending.add(prepared);
            }
            return prepared;
        }

        @Override
        public StoredAccount commit(PendingAccount prepared, String serverUrl, URL accountUrl,
                List<String> contacts, Instant now) {
            String id = AccountIds.idOf(accountUrl);
            synchronized (MemoryAccounts.this) {
                if (!pending.remove(ours(prepared))) {
                    throw new IllegalStateException("this pending account was committed or abandoned already");
                }
                TreeMap<String, Entry> accounts = servers.computeIfAbsent(serverId, s -> new TreeMap<>());
                Entry known = accounts.get(id);
                if (known != null) {
                    return known.account; // the CA knew the key: the stored account stays as it is
                }
                StoredAccount account = new StoredAccount(id, serverUrl, accountUrl, contacts, now,
                        StoredAccount.VALID);
                accounts.put(id, new Entry(account, prepared.keyPair()));
                return account;
            }
        }

        @Override
        public void abandon(PendingAccount prepared) {
            synchronized (MemoryAccounts.this) {
                pending.remove(ours(prepared));
            }
        }

        @Override
        public void update(StoredAccount account) {
            synchronized (MemoryAccounts.this) {
                entry(serverId, account).account = account;
            }
        }

        @Override
        public Optional<KeyPair> stagedKey(StoredAccount account) {
            return MemoryAccounts.this.stagedKey(serverId, account);
        }

        @Override
        public void stageKey(StoredAccount account, KeyPair newKey) {
            synchronized (MemoryAccounts.this) {
                entry(serverId, account).staged = newKey;
            }
        }

        @Override
        public void promoteStagedKey(StoredAccount account) {
            synchronized (MemoryAccounts.this) {
                Entry entry = entry(serverId, account);
                if (entry.staged == null) {
                    throw new Failure.StoreFailure("cannot move the new key of account " + account.id()
                            + " into place: none is staged", null);
                }
                entry.key = entry.staged;
                entry.staged = null;
            }
        }

        @Override
        public void dropStagedKey(StoredAccount account) {
            synchronized (MemoryAccounts.this) {
                entry(serverId, account).staged = null;
            }
        }

        private Pending ours(PendingAccount prepared) {
            if (prepared instanceof Pending mine && mine.serverId.equals(serverId)) {
                return mine;
            }
            throw new IllegalArgumentException("this pending account was not prepared for the accounts of "
                    + serverId);
        }
    }
}
