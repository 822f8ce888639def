package io.acmectl.flow;

import io.acmectl.core.KeyType;
import java.security.KeyPair;
import java.util.List;

/**
 * What to register an account with, should the server have none yet: contacts, agreement to the
 * terms, and the key (an existing one, or a new one of {@code keyType}). {@code existingKey} and
 * {@code eab} may be null.
 */
public record AccountRequest(List<String> emails, boolean agreeToTerms, KeyType keyType, KeyPair existingKey,
        Eab eab) {
    public AccountRequest {
        emails = List.copyOf(emails);
    }

    /** External Account Binding credentials, as the CA handed them out. */
    public record Eab(String keyId, String hmacKey) {}

    /** A new EC P-256 key, no binding: what {@code issue} and the want list register with. */
    public static AccountRequest of(List<String> emails, boolean agreeToTerms) {
        return new AccountRequest(emails, agreeToTerms, KeyType.EC256, null, null);
    }
}
