package io.acmectl.store;

import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/** An ACME account this store can sign for: where it lives at the CA, and its key. */
public record StoredAccount(String id, String server, URL url, List<String> contacts, Instant createdAt,
        KeyPair keyPair) {}
