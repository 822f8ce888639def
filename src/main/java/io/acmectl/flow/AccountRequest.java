package io.acmectl.flow;

import io.acmectl.core.KeyType;
import java.security.KeyPair;
import java.util.List;

/**
 * Which account to sign with: the one {@code selector} names (its id or URL, from {@code --account}),
 * else the server's account, registered with the rest should the server have none yet: contacts,
 * agreement to the terms, the key (an existing one, or a new one of {@code keyType}) and External
 * Account Binding. {@code existingKey}, {@code eab} and {@code selector} may be null.
 */
public record AccountRequest(List<String> emails, boolean agreeToTerms, KeyType keyType, KeyPair existingKey,
        Eab eab, String selector) {
    public AccountRequest {
        emails = List.copyOf(emails);
    }

    /** External Account Binding credentials, as the CA handed them out. */
    public record Eab(String keyId, String hmacKey) {}

    /** A new EC P-256 key, no binding: what {@code issue} and the want list register with. */
    public static AccountRequest of(List<String> emails, boolean agreeToTerms) {
        return new AccountRequest(emails, agreeToTerms, KeyType.EC256, null, null, null);
    }

    /**
     * A want list entry's request completed by the command line's: its own contacts, else the command
     * line's; the terms agreed where either agreed; the command line's binding and account choice.
     */
    public AccountRequest orElse(AccountRequest commandLine) {
        return new AccountRequest(emails.isEmpty() ? commandLine.emails() : emails,
                agreeToTerms || commandLine.agreeToTerms(), keyType, existingKey,
                eab != null ? eab : commandLine.eab(), selector != null ? selector : commandLine.selector());
    }
}
