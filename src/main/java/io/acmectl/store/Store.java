package io.acmectl.store;

import io.acmectl.core.WantList;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where accounts and certificates live. {@link FileStore} is the configuration directory in
 * certbot's layout; {@link MemoryStore} is its twin for unit tests. Every write goes through a
 * repository operation that holds the matching lock, so the rule holds by construction.
 */
public interface Store {
    /** Where the store lives (for messages, and the default want list beside it). */
    Path root();

    /** Makes sure the store exists and is ours to write, before any work is done for it. */
    void open();

    /** Whether anything was ever stored here: commands that only work on a store never create one. */
    boolean exists();

    Lineages lineages();

    Accounts accounts();

    /** What was asked of each CA lately, for the rate-limit guard ({@code ratelimits/}). */
    RequestLogs requestLogs();

    /**
     * The validated want list, read back from the store's cache when {@code key} (the file's identity
     * and everything its validation depends on) is unchanged; otherwise {@code load} runs and its
     * result is cached. A cache that cannot be read or written is simply not used.
     */
    WantList cachedWantList(String key, Supplier<WantList> load);

    /**
     * The lineages the last renew run over all of them found not due, as decided by acmectl
     * {@code version}; empty when another version wrote them or they cannot be read (a cache).
     */
    List<NotDueMemo> notDue(String version);

    /** Replaces what {@link #notDue} reads; a cache that cannot be written is simply not used. */
    void rememberNotDue(String version, List<NotDueMemo> memos);
}
