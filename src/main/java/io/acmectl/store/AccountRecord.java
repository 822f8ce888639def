package io.acmectl.store;

import io.acmectl.core.StoredAccount;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** {@code account.json}: what is known of an account; its key stays in its own 0600 file beside it. */
record AccountRecord(String url, String server, List<String> contacts, Instant createdAt, String status) {

    static AccountRecord of(StoredAccount account) {
        return new AccountRecord(account.url().toString(), account.server(), account.contacts(),
                account.createdAt(), account.status());
    }

    /** {@code id}: the account's folder name. */
    StoredAccount toAccount(String id) throws IOException {
        if (url == null) {
            throw new IOException("it holds no account URL");
        }
        try {
            return new StoredAccount(id, server, URI.create(url).toURL(), contacts == null ? List.of() : contacts,
                    createdAt, status == null ? StoredAccount.VALID : status);
        } catch (IllegalArgumentException e) {
            throw new IOException("its account URL '" + url + "' is invalid", e);
        }
    }
}
