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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts at a CA: register, recover, show, update, key rollover, deactivate, and signing as one. */
public final class AccountFlow {
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(60);

    /**
     * The account keys this run signed with, by server and account: a batch signs as one account for
     * every certificate, and reading and parsing the key each time was a seventh of its CPU. A key
     * changed by this run's own rollover is forgotten; one rolled over by another process during the
     * run is only seen by the next run.
     */
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    private final StagedKeys stagedKeys;
    private final Store store;
    private final AccountClient client;
    private final Clock clock;

    public AccountFlow(Store store, AccountClient client, Clock clock) {
        this.store = store;
        this.client = client;
        this.clock = clock;
        this.stagedKeys = new StagedKeys(store, client, LOCK_PATIENCE);
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
        KeyPair key = keys.computeIfAbsent(server.id() + "/" + account.id(), id ->
                store.accounts().stagedKey(server.id(), account).isPresent() ? stagedKeys.settled(server, account)
                        : store.accounts().key(server.id(), account));
        return new Signer(server, account.url(), key);
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
        keys.remove(server.id() + "/" + stored.id()); // whatever happens, the key is read again next time
        return store.accounts().edit(server.id(), LOCK_PATIENCE, accounts -> {
            accounts.stageKey(stored, newKey);
            try {
                client.changeKey(signer, newKey);
            } catch (RuntimeException e) {
                KeyPair now;
                try {
                    now = stagedKeys.settle(server, stored, accounts, newKey);
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
