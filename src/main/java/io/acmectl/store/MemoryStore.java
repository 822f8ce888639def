package io.acmectl.store;

import io.acmectl.core.WantList;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The twin of {@link FileStore} for unit tests of the flows: the same rules (a lineage's lock refused
 * while held, the accounts' lock waited for, editors dead once their edit returns, versions counted
 * up and never reused) with everything kept in maps. Nothing is written under {@link #root()}; it
 * only names where the live files would be.
 */
public final class MemoryStore implements Store {
    private final Path root;
    private final MemoryLineages lineages;
    private final MemoryAccounts accounts = new MemoryAccounts();
    private final MemoryRequestLogs requestLogs = new MemoryRequestLogs();
    private String wantListKey;
    private WantList wantList;
    private String notDueVersion;
    private List<NotDueMemo> notDue = List.of();

    public MemoryStore(Path root) {
        this.root = root.toAbsolutePath();
        this.lineages = new MemoryLineages(this.root.resolve("live"));
    }

    @Override
    public Path root() {
        return root;
    }

    /** There is nothing to create. */
    @Override
    public void open() {}

    @Override
    public boolean exists() {
        return true;
    }

    /** The lineages, with what a test may want to look at beyond {@link Lineages}. */
    @Override
    public MemoryLineages lineages() {
        return lineages;
    }

    @Override
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public RequestLogs requestLogs() {
        return requestLogs;
    }

    @Override
    public synchronized WantList cachedWantList(String key, Supplier<WantList> load) {
        if (wantList == null || !key.equals(wantListKey)) {
            wantList = load.get();
            wantListKey = key;
        }
        return wantList;
    }

    @Override
    public synchronized List<NotDueMemo> notDue(String version) {
        return version.equals(notDueVersion) ? notDue : List.of();
    }

    @Override
    public synchronized void rememberNotDue(String version, List<NotDueMemo> memos) {
        notDueVersion = version;
        notDue = List.copyOf(memos);
    }
}
