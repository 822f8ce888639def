package io.acmectl.store;

import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/** An ACME account this store can sign for: where it lives at the CA, its key, and what we last knew. */
public record StoredAccount(String id, String server, URL url, List<String> contacts, Instant createdAt,
        String status, KeyPair keyPair) {
    public static final String VALID = "valid";
    public static final String DEACTIVATED = "deactivated";

    public boolean isDeactivated() {
        return DEACTIVATED.equals(status);
    }

    public StoredAccount with(List<String> newContacts, String newStatus, KeyPair newKey) {
        return new StoredAccount(id, server, url, newContacts, createdAt, newStatus, newKey);
    }
}
