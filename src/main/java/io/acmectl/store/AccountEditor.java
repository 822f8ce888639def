package io.acmectl.store;

import io.acmectl.core.StoredAccount;
import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Changes to one server's accounts while their lock is held; only {@link Accounts#edit} hands one out.
 * A new account's key is written before the CA is asked ({@link #prepare}) and the account is kept
 * once the CA knows it ({@link #commit}): a failed registration leaves nothing, a crash leaves the key,
 * never an account whose key is lost. A key rollover stages the new key the same way.
 */
public interface AccountEditor {
    List<StoredAccount> list();

    KeyPair key(StoredAccount account);

    /** Writes the key of an account about to be registered. */
    PendingAccount prepare(KeyPair key);

    /**
     * Keeps the prepared account under the URL the CA gave it; registering a key the CA knew already
     * returns the stored account of that URL, if there is one, and drops the pending copy.
     */
    StoredAccount commit(PendingAccount pending, String serverUrl, URL accountUrl, List<String> contacts,
            Instant now);

    void abandon(PendingAccount pending);

    /** Rewrites what is known of the account (contacts, status); the key is left alone. */
    void update(StoredAccount account);

    /** What {@link Accounts#stagedKey} reads, under the lock. */
    Optional<KeyPair> stagedKey(StoredAccount account);

    /** Key rollover, step one: the new key is written beside the old one before the CA is asked. */
    void stageKey(StoredAccount account, KeyPair newKey);

    /**
     * Key rollover, step two, once the CA confirmed: the old key is kept as a backup, the new one used.
     * A staged key that is the account's key already (a promotion stopped half-way) is only removed:
     * the backup stays the old key.
     */
    void promoteStagedKey(StoredAccount account);

    /** Removes a staged key the CA refused. */
    void dropStagedKey(StoredAccount account);

    /** A key written for an account the CA has not confirmed yet. */
    interface PendingAccount {
        KeyPair keyPair();
    }
}
