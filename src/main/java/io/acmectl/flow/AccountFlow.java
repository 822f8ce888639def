package io.acmectl.flow;

import io.acmectl.acme.AccountClient;
import io.acmectl.acme.Signer;
import io.acmectl.core.CaServer;
import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import io.acmectl.core.StoredAccount;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.store.AccountEditor;
import io.acmectl.store.AccountEditor.PendingAccount;
import io.acmectl.store.Store;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts at a CA: register, recover, show, update, key rollover, deactivate, and signing as one. */
public final class AccountFlow {
    private static final Logger LOG = LoggerFactory.getLogger(AccountFlow.class);
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(60);

    private final Store store;
    private final AccountClient client;
    private final Clock clock;

    public AccountFlow(Store store, AccountClient client, Clock clock) {
        this.store = store;
        this.client = client;
        this.clock = clock;
    }

    /** The account, and whether this call added it to the store. */
    public record Registered(StoredAccount account, boolean created) {}

    /** What {@code account show} prints. */
    public record Details(StoredAccount account, String status, List<URI> contacts, KeyType keyType,
            String thumbprint, String ordersUrl) {}

    /**
     * Registers an account for the server unless the store already holds one (for that key, when a
     * key is given). Registering a key the CA knows returns its existing account: harmless.
     */
    public Registered register(CaServer server, AccountRequest request) {
        store.open();
        return store.accounts().edit(server.id(), LOCK_PATIENCE, accounts -> {
            Optional<StoredAccount> existing = request.existingKey() == null ? firstValid(accounts.list())
                    : accounts.list().stream()
                            .filter(a -> PublicKeys.same(accounts.key(a).getPublic(), request.existingKey().getPublic()))
                            .findFirst();
            return existing.map(a -> new Registered(a, false))
                    .orElseGet(() -> new Registered(create(server, request, accounts), true));
        });
    }

    /** Signs as the account the request names, else the server's account, registering one first when there is none. */
    public Signer signer(CaServer server, AccountRequest request) {
        if (request.selector() != null) {
            return signer(server, request.selector());
        }
        return signer(server, register(server, request).account());
    }

    /** Signs as an account the store must already hold ({@code selector}: id or URL, or null for the default). */
    public Signer signer(CaServer server, String selector) {
        return signer(server, select(server, selector));
    }

    private Signer signer(CaServer server, StoredAccount account) {
        KeyPair key = store.accounts().stagedKey(server.id(), account).isPresent() ? settledKey(server, account)
                : store.accounts().key(server.id(), account);
        return new Signer(server, account.url(), key);
    }

    /**
     * The key the CA knows the account by, when a rollover left a staged key: a run stopped after
     * the CA switched to the new key but before it was promoted would otherwise sign with a key the
     * CA refuses from then on, for good. The CA is asked which account the staged key belongs to
     * (newAccount with onlyReturnExisting, which changes nothing): this one, and it is promoted; none,
     * and it is dropped (the run stopped before the CA took it, or the CA refused it). Under the
     * accounts' lock, so a rollover running meanwhile is waited for, not raced.
     */
    private KeyPair settledKey(CaServer server, StoredAccount account) {
        return store.accounts().edit(server.id(), LOCK_PATIENCE, accounts -> {
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
    private KeyPair settle(CaServer server, StoredAccount account, AccountEditor accounts, KeyPair staged) {
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

    /**
     * Finds the account that belongs to a key (newAccount with onlyReturnExisting) and puts it into
     * the store: the way back after losing the store but not the key. Creates nothing at the CA.
     */
    public Registered recover(CaServer server, KeyPair key) {
        store.open();
        KeyPair keyPair = key != null ? key : store.accounts().list(server.id()).stream().findFirst()
                .map(a -> store.accounts().key(server.id(), a))
                .orElseThrow(() -> new Failure.BadInput("no account key for " + server.directory()
                        + " in the store: pass the key with --key FILE"));
        return store.accounts().edit(server.id(), LOCK_PATIENCE, accounts -> {
            AccountClient.Found found = client.find(server, keyPair).orElseThrow(() ->
                    new Failure.CaRefused("no account for this key at " + server.directory()));
            Optional<StoredAccount> known = accounts.list().stream()
                    .filter(a -> a.url().equals(found.accountUrl())).findFirst();
            if (known.isPresent()) {
                return new Registered(known.get(), false);
            }
            PendingAccount pending = accounts.prepare(keyPair);
            return new Registered(accounts.commit(pending, server.directory().toString(), found.accountUrl(),
                    found.emails(), clock.instant()), true);
        });
    }

    public Details show(CaServer server, String selector) {
        StoredAccount stored = select(server, selector);
        Signer signer = signer(server, stored);
        AccountClient.Details details = client.fetch(signer);
        return new Details(stored, details.status(), details.contacts(), KeyType.of(signer.key().getPublic()),
                AccountClient.thumbprint(signer.key()), details.ordersUrl());
    }

    /** Replaces the account's contacts with these addresses (none clears them). */
    public StoredAccount update(CaServer server, String selector, List<String> emails) {
        StoredAccount stored = select(server, selector);
        client.updateContacts(signer(server, stored), emails);
        StoredAccount updated = stored.with(List.copyOf(emails), stored.status());
        store.accounts().edit(server.id(), LOCK_PATIENCE, accounts -> {
            accounts.update(updated);
            return updated;
        });
        return updated;
    }

    /**
     * Key rollover (RFC 8555 section 7.3.5); the new key is on disk before the CA is asked. A failed
     * request does not prove the CA kept the old key (the answer may be lost after the switch, and a
     * retry then refused as a conflict), so the CA is asked which key it has before the new one is
     * dropped; if it cannot be asked, the new key stays staged for the next run to settle.
     */
    public StoredAccount rollover(CaServer server, String selector, KeyPair newKey) {
        StoredAccount stored = select(server, selector);
        Signer signer = signer(server, stored);
        return store.accounts().edit(server.id(), LOCK_PATIENCE, accounts -> {
            accounts.stageKey(stored, newKey);
            try {
                client.changeKey(signer, newKey);
            } catch (RuntimeException e) {
                KeyPair now;
                try {
                    now = settle(server, stored, accounts, newKey);
                } catch (RuntimeException unknown) {
                    e.addSuppressed(unknown);
                    throw e;
                }
                if (!PublicKeys.same(now.getPublic(), newKey.getPublic())) {
                    throw e;
                }
                return stored; // the CA switched although its answer was lost or refused a retry
            }
            accounts.promoteStagedKey(stored);
            return stored;
        });
    }

    /** Deactivates the account at the CA for good, and marks it so in the store. */
    public StoredAccount deactivate(CaServer server, String selector) {
        StoredAccount stored = select(server, selector);
        client.deactivate(signer(server, stored));
        StoredAccount deactivated = stored.with(stored.contacts(), StoredAccount.DEACTIVATED);
        return store.accounts().edit(server.id(), LOCK_PATIENCE, accounts -> {
            accounts.update(deactivated);
            return deactivated;
        });
    }

    /** The account a command works on: the one named, else the server's only (or oldest) valid one. */
    public StoredAccount select(CaServer server, String selector) {
        List<StoredAccount> all = store.accounts().list(server.id());
        Optional<StoredAccount> account = selector != null
                ? all.stream().filter(a -> a.id().equals(selector) || a.url().toString().equals(selector)).findFirst()
                : firstValid(all).or(() -> all.stream().findFirst()); // else a deactivated one, to say so
        StoredAccount found = account.orElseThrow(() -> new Failure.BadInput(selector == null
                ? "no account for " + server.directory() + " in the store: run acmectl register (or recover)"
                : "no account '" + selector + "' for " + server.directory() + " in the store"));
        if (found.isDeactivated()) {
            throw new Failure.CaRefused("account " + found.url() + " is deactivated; register a new one");
        }
        return found;
    }

    private static Optional<StoredAccount> firstValid(List<StoredAccount> accounts) {
        return accounts.stream().filter(a -> !a.isDeactivated()).findFirst();
    }

    private StoredAccount create(CaServer server, AccountRequest request, AccountEditor accounts) {
        AccountClient.Terms terms = client.terms(server);
        if (terms.termsOfService().isPresent() && !request.agreeToTerms()) {
            throw new Failure.BadInput("the CA at " + server.directory() + " requires agreeing to its terms of "
                    + "service at " + terms.termsOfService().get() + ": read them and run again with --agree-tos");
        }
        if (terms.externalAccountRequired() && request.eab() == null) {
            throw new Failure.BadInput("the CA at " + server.directory() + " requires External Account Binding: "
                    + "pass --eab-kid and --eab-hmac-key from your CA account");
        }
        KeyPair key = request.existingKey() != null ? request.existingKey() : request.keyType().generate();
        PendingAccount pending = accounts.prepare(key);
        try {
            AccountClient.Eab eab = request.eab() == null ? null
                    : new AccountClient.Eab(request.eab().keyId(), request.eab().hmacKey());
            return accounts.commit(pending, server.directory().toString(), client.register(server, key,
                    request.emails(), terms.termsOfService().isPresent(), eab), request.emails(), clock.instant());
        } catch (RuntimeException e) {
            accounts.abandon(pending);
            throw e;
        }
    }
}
