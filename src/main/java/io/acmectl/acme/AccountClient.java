package io.acmectl.acme;

import io.acmectl.core.CaServer;
import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeServerException;

/** Accounts at a CA (RFC 8555 section 7.3): what the directory demands, and every account request. */
public final class AccountClient {
    private final AcmeSessions sessions;

    public AccountClient(AcmeSessions sessions) {
        this.sessions = sessions;
    }

    /** What the CA's directory says a registration needs. */
    public record Terms(Optional<URI> termsOfService, boolean externalAccountRequired) {}

    /** External Account Binding credentials, as the CA handed them out. */
    public record Eab(String keyId, String hmacKey) {}

    /** An account as the CA reports it. */
    public record Details(String status, List<URI> contacts, String ordersUrl) {}

    /** The account key's JWK thumbprint (RFC 7638), as CAs and other clients show it. */
    public static String thumbprint(KeyPair key) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(org.shredzone.acme4j.toolbox.JoseUtils.thumbprint(key.getPublic()));
    }

    public Terms terms(CaServer server) {
        Session session = sessions.open(server);
        return AcmeFailures.at(server, "reading the directory", () -> new Terms(
                session.getMetadata().getTermsOfService(), session.getMetadata().isExternalAccountRequired()));
    }

    /** Registers the key (agreeing to the terms when the CA has any); returns the account's URL. */
    public URL register(CaServer server, KeyPair key, List<String> emails, boolean agreeToTerms, Eab eab) {
        return AcmeFailures.at(server, "registering an account", () -> {
            AccountBuilder builder = new AccountBuilder().useKeyPair(key);
            emails.forEach(builder::addEmail);
            if (agreeToTerms) {
                builder.agreeToTermsOfService();
            }
            if (eab != null) {
                builder.withKeyIdentifier(eab.keyId(), eab.hmacKey());
            }
            return builder.createLogin(sessions.open(server)).getAccountLocation();
        });
    }

    /** The account of a key (newAccount with onlyReturnExisting), with its contacts; empty when the CA knows none. */
    public Optional<Found> find(CaServer server, KeyPair key) {
        return AcmeFailures.at(server, "looking up the account of the key", () -> {
            Login login;
            try {
                login = new AccountBuilder().onlyExisting().useKeyPair(key).createLogin(sessions.open(server));
            } catch (AcmeServerException e) {
                if (ProblemType.ACCOUNT_DOES_NOT_EXIST.is(e)) {
                    return Optional.empty();
                }
                throw e;
            }
            // acme4j reads the account lazily: what fails there is translated by AcmeFailures too
            List<String> emails = login.getAccount().getContacts().stream().map(URI::getSchemeSpecificPart).toList();
            return Optional.of(new Found(login.getAccountLocation(), emails));
        });
    }

    public record Found(URL accountUrl, List<String> emails) {}

    public Details fetch(Signer signer) {
        return AcmeFailures.at(signer.server(), "reading account " + signer.accountUrl(), () -> {
            Account account = sessions.login(signer).getAccount();
            account.fetch();
            String orders = account.getJSON().get("orders").map(v -> v.asString()).orElse("");
            return new Details(account.getStatus().name().toLowerCase(java.util.Locale.ROOT), account.getContacts(),
                    orders);
        });
    }

    /** Replaces the account's contacts with these addresses (none clears them). */
    public void updateContacts(Signer signer, List<String> emails) {
        AcmeFailures.at(signer.server(), "updating the contacts of " + signer.accountUrl(), () -> {
            Account.EditableAccount edit = sessions.login(signer).getAccount().modify();
            edit.getContacts().clear();
            emails.forEach(edit::addEmail);
            edit.commit();
            return null;
        });
    }

    /** Key rollover (RFC 8555 section 7.3.5). */
    public void changeKey(Signer signer, KeyPair newKey) {
        AcmeFailures.at(signer.server(), "changing the key of " + signer.accountUrl(), () -> {
            sessions.login(signer).getAccount().changeKey(newKey);
            return null;
        });
    }

    public void deactivate(Signer signer) {
        AcmeFailures.at(signer.server(), "deactivating " + signer.accountUrl(), () -> {
            sessions.login(signer).getAccount().deactivate();
            return null;
        });
    }
}
