package io.acmectl.store;

import io.acmectl.core.StoredAccount;
import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Accounts#edit} hands out, for files and memory alike: it passes calls to the store's
 * own editor while the lock is held and refuses them once the edit has returned.
 */
final class GuardedAccountEditor implements AccountEditor, AutoCloseable {
    private final String serverId;
    private final AccountEditor inner;
    private volatile boolean open = true;

    GuardedAccountEditor(String serverId, AccountEditor inner) {
        this.serverId = serverId;
        this.inner = inner;
    }

    @Override
    public List<StoredAccount> list() {
        check();
        return inner.list();
    }

    @Override
    public KeyPair key(StoredAccount account) {
        check();
        return inner.key(account);
    }

    @Override
    public PendingAccount prepare(KeyPair key) {
        check();
        return inner.prepare(key);
    }

    @Override
    public StoredAccount commit(PendingAccount pending, String serverUrl, URL accountUrl, List<String> contacts,
            Instant now) {
        check();
        return inner.commit(pending, serverUrl, accountUrl, contacts, now);
    }

    @Override
    public void abandon(PendingAccount pending) {
        check();
        inner.abandon(pending);
    }

    @Override
    public void update(StoredAccount account) {
        check();
        inner.update(account);
    }

    @Override
    public Optional<KeyPair> stagedKey(StoredAccount account) {
        check();
        return inner.stagedKey(account);
    }

    @Override
    public void stageKey(StoredAccount account, KeyPair newKey) {
        check();
        inner.stageKey(account, newKey);
    }

    @Override
    public void promoteStagedKey(StoredAccount account) {
        check();
        inner.promoteStagedKey(account);
    }

    @Override
    public void dropStagedKey(StoredAccount account) {
        check();
        inner.dropStagedKey(account);
    }

    @Override
    public void close() {
        open = false;
    }

    private void check() {
        if (!open) {
            throw new IllegalStateException("the editor of the accounts of " + serverId
                    + " was used after its edit returned, without the lock");
        }
    }
}
