package io.acmectl.service;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.acme.AcmeFailures;
import io.acmectl.acme.AcmeSessions;
import io.acmectl.acme.CaServer;
import io.acmectl.crypto.KeyType;
import io.acmectl.crypto.PublicKeys;
import io.acmectl.store.AccountStore.PendingAccount;
import io.acmectl.store.Store;
import io.acmectl.store.StoreLock;
import io.acmectl.store.StoredAccount;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JoseUtils;

/** Accounts at a CA: register, recover, show, update, key rollover, deactivate, and logging in. */
public final class AccountService {
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(60);
    private static final String ACCOUNT_DOES_NOT_EXIST = "urn:ietf:params:acme:error:accountDoesNotExist";

    private final Store store;
    private final AcmeSessions sessions;
    private final Clock clock;

    public AccountService(Store store, AcmeSessions sessions, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** External Account Binding credentials, as the CA handed them out. */
    public record Eab(String keyId, String hmacKey) {}

    /** What a registration asks of the CA; {@code existingKey} and {@code eab} may be null. */
    public record Registration(List<String> emails, boolean agreeToTermsOfService, KeyType keyType,
            KeyPair existingKey, Eab eab) {
        public static Registration of(List<String> emails, boolean agreeToTermsOfService) {
            return new Registration(emails, agreeToTermsOfService, KeyType.EC256, null, null);
        }
    }

    /** The account, and whether this call added it to the store. */
    public record Registered(StoredAccount account, boolean created) {}

    /** What {@code account show} prints. */
    public record Details(StoredAccount account, String status, List<URI> contacts, String keyType,
            String thumbprint, String ordersUrl) {}

    /**
     * Registers an account for the server unless the store already holds one (for that key, when a
     * key is given). Registering a key the CA knows returns its existing account: harmless.
     */
    public Registered register(CaServer server, Registration registration) {
        store.open();
        try (StoreLock lock = store.lockAccounts(server.id(), LOCK_PATIENCE)) {
            Optional<StoredAccount> existing = registration.existingKey() == null
                    ? store.accounts().find(server.id())
                    : store.accounts().list(server.id()).stream()
                            .filter(a -> PublicKeys.same(a.keyPair().getPublic(), registration.existingKey().getPublic()))
                            .findFirst();
            if (existing.isPresent()) {
                return new Registered(existing.get(), false);
            }
            return new Registered(create(server, registration), true);
        }
    }

    /** A login with the stored account, registering one first when there is none. */
    public Login login(CaServer server, Registration registration) {
        return loginAs(server, register(server, registration).account());
    }

    /** Signs as a stored account; nothing is sent until the login is used. */
    private Login loginAs(CaServer server, StoredAccount account) {
        return sessions.open(server).login(account.url(), account.keyPair());
    }

    /** A login with an account the store must already hold ({@code selector}: id or URL, or null). */
    public Login login(CaServer server, String selector) {
        return loginAs(server, select(server, selector));
    }

    /**
     * Finds the account that belongs to a key (newAccount with onlyReturnExisting) and puts it into
     * the store: the way back after losing the store but not the key. Creates nothing at the CA.
     */
    public Registered recover(CaServer server, KeyPair key) {
        store.open();
        KeyPair keyPair = key != null ? key : store.accounts().list(server.id()).stream().findFirst()
                .map(StoredAccount::keyPair)
                .orElseThrow(() -> AcmectlException.usage("no account key for " + server.directory()
                        + " in the store: pass the key with --key FILE"));
        Session session = sessions.open(server);
        try (StoreLock lock = store.lockAccounts(server.id(), LOCK_PATIENCE)) {
            Login login;
            try {
                login = new AccountBuilder().onlyExisting().useKeyPair(keyPair).createLogin(session);
            } catch (AcmeServerException e) {
                if (ACCOUNT_DOES_NOT_EXIST.equals(e.getType().toString())) {
                    throw new AcmectlException(ExitCode.FAILED, "no account for this key at " + server.directory());
                }
                throw AcmeFailures.explain(e, server, "looking up the account of the key");
            } catch (AcmeException e) {
                throw AcmeFailures.explain(e, server, "looking up the account of the key");
            }
            Optional<StoredAccount> known = store.accounts().list(server.id()).stream()
                    .filter(a -> a.url().equals(login.getAccountLocation())).findFirst();
            if (known.isPresent()) {
                return new Registered(known.get(), false);
            }
            List<String> emails = contacts(login.getAccount(), server).stream()
                    .map(URI::getSchemeSpecificPart).toList();
            PendingAccount pending = store.accounts().prepare(server.id(), keyPair);
            return new Registered(pending.commit(server.directory().toString(), login.getAccountLocation(), emails,
                    clock.instant()), true);
        }
    }

    public Details show(CaServer server, String selector) {
        StoredAccount stored = select(server, selector);
        Account account = loginAs(server, stored).getAccount();
        try {
            account.fetch();
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, server, "reading account " + stored.url());
        }
        String orders = account.getJSON().get("orders").map(v -> v.asString()).orElse("");
        return new Details(stored, account.getStatus().name().toLowerCase(), account.getContacts(),
                KeyType.of(stored.keyPair().getPublic()).id(), thumbprint(stored.keyPair()), orders);
    }

    /** Replaces the account's contacts with these addresses (none clears them). */
    public StoredAccount update(CaServer server, String selector, List<String> emails) {
        StoredAccount stored = select(server, selector);
        Account account = loginAs(server, stored).getAccount();
        try {
            Account.EditableAccount edit = account.modify();
            edit.getContacts().clear();
            emails.forEach(edit::addEmail);
            edit.commit();
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, server, "updating the contacts of " + stored.url());
        }
        StoredAccount updated = stored.with(List.copyOf(emails), stored.status(), stored.keyPair());
        store.accounts().update(server.id(), updated);
        return updated;
    }

    /** Key rollover (RFC 8555 section 7.3.5); the new key is on disk before the CA is asked. */
    public StoredAccount rollover(CaServer server, String selector, KeyPair newKey) {
        StoredAccount stored = select(server, selector);
        try (StoreLock lock = store.lockAccounts(server.id(), LOCK_PATIENCE)) {
            store.accounts().stageKey(server.id(), stored, newKey);
            try {
                loginAs(server, stored).getAccount().changeKey(newKey);
            } catch (AcmeException e) {
                store.accounts().dropStagedKey(server.id(), stored);
                throw AcmeFailures.explain(e, server, "changing the key of " + stored.url());
            }
            store.accounts().promoteStagedKey(server.id(), stored);
            return stored.with(stored.contacts(), stored.status(), newKey);
        }
    }

    /** Deactivates the account at the CA for good, and marks it so in the store. */
    public StoredAccount deactivate(CaServer server, String selector) {
        StoredAccount stored = select(server, selector);
        try {
            loginAs(server, stored).getAccount().deactivate();
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, server, "deactivating " + stored.url());
        }
        StoredAccount deactivated = stored.with(stored.contacts(), StoredAccount.DEACTIVATED, stored.keyPair());
        store.accounts().update(server.id(), deactivated);
        return deactivated;
    }

    /** The account a command works on: the one named, else the server's only (or oldest) valid one. */
    public StoredAccount select(CaServer server, String selector) {
        Optional<StoredAccount> account = selector != null ? store.accounts().find(server.id(), selector)
                : store.accounts().find(server.id())
                        .or(() -> store.accounts().list(server.id()).stream().findFirst()); // a deactivated one
        StoredAccount found = account.orElseThrow(() -> AcmectlException.usage(selector == null
                ? "no account for " + server.directory() + " in the store: run acmectl register (or recover)"
                : "no account '" + selector + "' for " + server.directory() + " in the store"));
        if (found.isDeactivated()) {
            throw new AcmectlException(ExitCode.FAILED, "account " + found.url() + " is deactivated; "
                    + "register a new one");
        }
        return found;
    }

    private StoredAccount create(CaServer server, Registration registration) {
        Session session = sessions.open(server);
        Optional<URI> terms;
        boolean eabRequired;
        try {
            terms = session.getMetadata().getTermsOfService();
            eabRequired = session.getMetadata().isExternalAccountRequired();
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, server, "reading the directory");
        }
        if (terms.isPresent() && !registration.agreeToTermsOfService()) {
            throw new AcmectlException(ExitCode.USAGE, "the CA at " + server.directory()
                    + " requires agreeing to its terms of service at " + terms.get()
                    + ": read them and run again with --agree-tos");
        }
        if (eabRequired && registration.eab() == null) {
            throw new AcmectlException(ExitCode.USAGE, "the CA at " + server.directory()
                    + " requires External Account Binding: pass --eab-kid and --eab-hmac-key from your CA account");
        }
        KeyPair key = registration.existingKey() != null ? registration.existingKey()
                : registration.keyType().generate();
        PendingAccount pending = store.accounts().prepare(server.id(), key);
        try {
            AccountBuilder builder = new AccountBuilder().useKeyPair(key);
            registration.emails().forEach(builder::addEmail);
            if (terms.isPresent()) {
                builder.agreeToTermsOfService();
            }
            if (registration.eab() != null) {
                builder.withKeyIdentifier(registration.eab().keyId(), registration.eab().hmacKey());
            }
            Login login = builder.createLogin(session);
            return pending.commit(server.directory().toString(), login.getAccountLocation(),
                    registration.emails(), clock.instant());
        } catch (AcmeException e) {
            pending.abandon();
            throw AcmeFailures.explain(e, server, "registering an account");
        } catch (RuntimeException e) {
            pending.abandon();
            throw e;
        }
    }

    private static List<URI> contacts(Account account, CaServer server) {
        try {
            return account.getContacts();
        } catch (RuntimeException e) {
            throw new AcmectlException(ExitCode.FAILED, "cannot read the account at " + server.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    static String thumbprint(KeyPair key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JoseUtils.thumbprint(key.getPublic()));
    }
}
