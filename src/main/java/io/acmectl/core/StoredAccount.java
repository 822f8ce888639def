package io.acmectl.core;

import java.net.URL;
import java.time.Instant;
import java.util.List;

/**
 * An ACME account the store holds: where it lives at the CA and what we last knew of it. The key is
 * not part of it: listing accounts reads no private key; the store hands the key out on request.
 */
public record StoredAccount(String id, String server, URL url, List<String> contacts, Instant createdAt,
        String status) {
    public static final String VALID = "valid";
    public static final String DEACTIVATED = "deactivated";

    public StoredAccount {
        contacts = List.copyOf(contacts);
    }

    public boolean isDeactivated() {
        return DEACTIVATED.equals(status);
    }

    public StoredAccount with(List<String> newContacts, String newStatus) {
        return new StoredAccount(id, server, url, newContacts, createdAt, newStatus);
    }
}
