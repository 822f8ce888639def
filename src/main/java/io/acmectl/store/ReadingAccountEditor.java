package io.acmectl.store;

import io.acmectl.core.StoredAccount;
import java.security.KeyPair;
import java.util.List;

/** What both stores' account editors read the same way: through the repository, for their one server. */
abstract class ReadingAccountEditor implements AccountEditor {
    final String serverId;
    private final Accounts accounts;

    ReadingAccountEditor(Accounts accounts, String serverId) {
        this.accounts = accounts;
        this.serverId = serverId;
    }

    @Override
    public final List<StoredAccount> list() {
        return accounts.list(serverId);
    }

    @Override
    public final KeyPair key(StoredAccount account) {
        return accounts.key(serverId, account);
    }
}
