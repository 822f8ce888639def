package io.acmectl.flow;

import io.acmectl.acme.AccountClient;
import io.acmectl.core.CaServer;
import io.acmectl.core.StoredAccount;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.store.AccountEditor;
import io.acmectl.store.Store;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Settles a key rollover that a run left half-done, by asking the CA which key is the account's. */
final class StagedKeys {
    private static final Logger LOG = LoggerFactory.getLogger(AccountFlow.class);

    private final Store store;
    private final AccountClient client;
    private final Duration patience;

    StagedKeys(Store store, AccountClient client, Duration patience) {
        this.store = store;
        this.client = client;
        this.patience = patience;
    }

    /**
     * The key the CA knows the account by, when a rollover left a staged key: a run stopped after
     * the CA switched to the new key but before it was promoted would otherwise sign with a key the
     * CA refuses from then on, for good. The CA is asked which account the staged key belongs to
     * (newAccount with onlyReturnExisting, which changes nothing): this one, and it is promoted; none,
     * and it is dropped (the run stopped before the CA took it, or the CA refused it). Under the
     * accounts' lock, so a rollover running meanwhile is waited for, not raced.
     */
    KeyPair settled(CaServer server, StoredAccount account) {
        return store.accounts().edit(server.id(), patience, accounts -> {
            Optional<KeyPair> staged = accounts.stagedKey(account);
            KeyPair current = accounts.key(account);
            if (staged.isEmpty()) {
                return current; // settled by the rollover we waited for
            }
            if (PublicKeys.same(staged.get().getPublic(), current.getPublic())) {
                accounts.promoteStagedKey(account); // a promotion stopped after the key moved: only tidied
                return current;
            }
            return settle(server, account, accounts, staged.get());
        });
    }

    /**
     * Promotes the staged key if the CA knows the account by it, else drops it; returns the key the
     * account signs with now. A CA that cannot be asked is a failure, and the staged key stays.
     */
    KeyPair settle(CaServer server, StoredAccount account, AccountEditor accounts, KeyPair staged) {
        Optional<AccountClient.Found> owner = client.find(server, staged);
        if (owner.isPresent() && owner.get().accountUrl().toString().equals(account.url().toString())) {
            LOG.warn("account {}: the CA has the new key of a rollover whose end was not recorded; it is the "
                    + "account key now (the old one is kept as account.key.old)", account.url());
            accounts.promoteStagedKey(account);
            return staged;
        }
        LOG.info("account {}: the CA does not have the staged key of a rollover; dropping it", account.url());
        accounts.dropStagedKey(account);
        return accounts.key(account);
    }
}
