package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.core.WantList;
import io.acmectl.files.AtomicFiles;
import io.acmectl.files.IoReasons;
import io.acmectl.files.Permissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The configuration directory, in certbot's layout: {@code archive/}, {@code live/} and
 * {@code renewal/} for the lineages, {@code accounts/<server>/<id>/}, {@code ratelimits/},
 * {@code locks/} and {@code cache/}. Everything under it is written through {@link AtomicFiles}.
 */
public final class FileStore implements Store {
    private static final String WANT_LIST_CACHE = "want-list.json";
    private static final String NOT_DUE_CACHE = "not-due.json";

    private final Path root;
    private final FileLineages lineages;
    private final FileAccounts accounts;
    private final FileRequestLogs requestLogs;

    public FileStore(Path root) {
        this.root = root.toAbsolutePath();
        this.lineages = new FileLineages(this.root, lockFolder());
        this.accounts = new FileAccounts(this.root.resolve("accounts"), lockFolder());
        this.requestLogs = new FileRequestLogs(this.root.resolve("ratelimits"), lockFolder());
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public void open() {
        try {
            AtomicFiles.ensureDirectory(root);
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot create the store " + root + ": " + IoReasons.of(e), e);
        }
        Permissions.checkPrivateDirectory(root, "config directory");
        if (!Files.isWritable(root)) {
            throw new Failure.StoreFailure("cannot write to the store " + root + ": it is not writable by this user",
                    null);
        }
    }

    @Override
    public boolean exists() {
        return Files.isDirectory(root);
    }

    @Override
    public Lineages lineages() {
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

    /**
     * Where the store's lock files are. Other owners of machine-wide resources (a listening port)
     * lock there too, so two runs sharing a store never fight over one.
     */
    public Path lockFolder() {
        return root.resolve("locks");
    }

    @Override
    public WantList cachedWantList(String key, Supplier<WantList> load) {
        Path file = cacheFile(WANT_LIST_CACHE);
        try {
            if (Files.isRegularFile(file)) {
                WantListRecord.Cached cached = Documents.read(file, WantListRecord.Cached.class);
                if (key.equals(cached.key()) && cached.value() != null) {
                    return cached.value().toWantList();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Stale, damaged or from another version: the want list is loaded again below. A cache
            // must never be the reason a run fails.
        }
        WantList wantList = load.get();
        try {
            Documents.write(file, new WantListRecord.Cached(key, WantListRecord.of(wantList)));
        } catch (IOException e) {
            // the next run loads it again
        }
        return wantList;
    }

    @Override
    public List<NotDueMemo> notDue(String version) {
        Path file = cacheFile(NOT_DUE_CACHE);
        try {
            if (Files.isRegularFile(file)) {
                NotDueRecord cached = Documents.read(file, NotDueRecord.class);
                if (version.equals(cached.version()) && cached.lineages() != null) {
                    return cached.lineages();
                }
            }
        } catch (IOException | RuntimeException e) {
            // damaged or from another version: every lineage is looked at, and the next run writes it anew
        }
        return List.of();
    }

    @Override
    public void rememberNotDue(String version, List<NotDueMemo> memos) {
        try {
            Documents.write(cacheFile(NOT_DUE_CACHE), new NotDueRecord(version, memos));
        } catch (IOException e) {
            // the next run looks at every lineage, as it would without the cache
        }
    }

    /** {@code cache/}: what a run may lose without harm (the next one builds it again). */
    private Path cacheFile(String name) {
        return root.resolve("cache").resolve(name);
    }
}
