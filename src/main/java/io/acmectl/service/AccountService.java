package io.acmectl.service;

import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import io.acmectl.acme.AcmeFailures;
import io.acmectl.acme.AcmeSessions;
import io.acmectl.acme.CaServer;
import io.acmectl.crypto.KeyType;
import io.acmectl.store.AccountStore.PendingAccount;
import io.acmectl.store.Store;
import io.acmectl.store.StoreLock;
import io.acmectl.store.StoredAccount;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/** Accounts at a CA: registering one, and logging in with the one the store holds. */
public final class AccountService {
    private static final Duration REGISTRATION_PATIENCE = Duration.ofSeconds(60);

    private final Store store;
    private final AcmeSessions sessions;
    private final Clock clock;

    public AccountService(Store store, AcmeSessions sessions, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What a registration asks of the CA. */
    public record Registration(List<String> emails, boolean agreeToTermsOfService, KeyType keyType) {}

    /** The account, and whether this call created it. */
    public record Registered(StoredAccount account, boolean created) {}

    /** Registers an account for the server unless the store already holds one. */
    public Registered register(CaServer server, Registration registration) {
        store.open();
        try (StoreLock lock = store.lockAccounts(server.id(), REGISTRATION_PATIENCE)) {
            Optional<StoredAccount> existing = store.accounts().find(server.id());
            if (existing.isPresent()) {
                return new Registered(existing.get(), false);
            }
            return new Registered(create(server, registration), true);
        } catch (IOException e) {
            throw AcmectlException.store("cannot release the account lock: " + e.getMessage(), e);
        }
    }

    /** A login with the stored account, registering one first when there is none. */
    public Login login(CaServer server, Registration registration) {
        StoredAccount account = register(server, registration).account();
        return sessions.open(server).login(account.url(), account.keyPair());
    }

    private StoredAccount create(CaServer server, Registration registration) {
        Session session = sessions.open(server);
        Optional<URI> terms = termsOfService(server, session);
        if (terms.isPresent() && !registration.agreeToTermsOfService()) {
            throw new AcmectlException(ExitCode.USAGE, "the CA at " + server.directory()
                    + " requires agreeing to its terms of service at " + terms.get()
                    + ": read them and run again with --agree-tos");
        }
        PendingAccount pending = store.accounts().prepare(server.id(), registration.keyType().generate());
        try {
            AccountBuilder builder = new AccountBuilder().useKeyPair(pending.keyPair());
            registration.emails().forEach(builder::addEmail);
            if (terms.isPresent()) {
                builder.agreeToTermsOfService();
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

    private static Optional<URI> termsOfService(CaServer server, Session session) {
        try {
            return session.getMetadata().getTermsOfService();
        } catch (AcmeException e) {
            throw AcmeFailures.explain(e, server, "reading the directory");
        }
    }
}
