package io.acmectl.store;

import io.acmectl.core.StoredAccount;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ACME accounts of a store, per server ({@code serverId}: {@link io.acmectl.core.CaServer#id()}).
 * Reading needs no lock and reads no private key unless asked for one; every change happens inside
 * {@link #edit}, which serialises the changes of one server's accounts across runs.
 */
public interface Accounts {
    /** The server's accounts, oldest first. */
    List<StoredAccount> list(String serverId);

    /** The account's key (the only read that parses a private key). */
    KeyPair key(String serverId, StoredAccount account);

    /**
     * The new key a rollover staged ({@link AccountEditor#stageKey}) and has not promoted or dropped
     * yet: a rollover running now, or one stopped with the CA's answer unknown. Empty almost always.
     */
    Optional<KeyPair> stagedKey(String serverId, StoredAccount account);

    /**
     * Runs {@code work} holding the lock of the server's accounts, waiting up to {@code patience}
     * for another run to release it ({@link io.acmectl.core.Failure.Locked} after that).
     */
    <T> T edit(String serverId, Duration patience, Function<AccountEditor, T> work);
}
