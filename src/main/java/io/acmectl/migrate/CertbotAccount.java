package io.acmectl.migrate;

import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * One of certbot's accounts: its folder name ({@code id}, what a renewal conf's {@code account} names),
 * the CA's directory, the account's URL at the CA and its key. {@code createdAt} may be null.
 */
public record CertbotAccount(String id, URI directory, URL url, KeyPair key, List<String> contacts,
        Instant createdAt) {
    public CertbotAccount {
        contacts = List.copyOf(contacts);
    }
}
