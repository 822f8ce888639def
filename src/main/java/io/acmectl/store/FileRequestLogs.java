package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.core.RequestLog;
import io.acmectl.files.AtomicFiles;
import io.acmectl.files.IoReasons;
import io.acmectl.files.LockFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * {@code ratelimits/<server>.json}, one document per CA, rewritten whole (atomically) on every change
 * under {@code locks/ratelimits-<server>.lock}, from what this store last read or wrote of it
 * ({@link RequestLogDocument}). The certificates of one run take turns on a
 * monitor of their own first, so they queue instead of polling the lock file.
 */
final class FileRequestLogs implements RequestLogs {
    /** An update reads and writes one small file: another run holding it longer than this is stuck. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path folder;
    private final Path locks;
    private final ConcurrentMap<String, Object> monitors = new ConcurrentHashMap<>();
    /** Each server's log as this store last read or wrote it: see {@link RequestLogDocument}. */
    private final ConcurrentMap<String, RequestLogDocument> documents = new ConcurrentHashMap<>();

    FileRequestLogs(Path folder, Path locks) {
        this.folder = folder;
        this.locks = locks;
    }

    @Override
    public RequestLog read(String serverId, Instant now) {
        return load(serverId, file(serverId)).log().pruned(now);
    }

    @Override
    public RequestLog update(String serverId, Instant now, UnaryOperator<RequestLog> change) {
        Path file = file(serverId);
        synchronized (monitors.computeIfAbsent(serverId, id -> new Object())) {
            try (LockFile held = StoreLocks.requestLog(locks, serverId, PATIENCE)) {
                RequestLogDocument read = load(serverId, file);
                RequestLog changed = change.apply(read.log().pruned(now));
                try {
                    RequestLogDocument written = read.with(changed);
                    AtomicFiles.write(file, written.bytes(), AtomicFiles.PUBLIC);
                    documents.put(serverId, written);
                } catch (IOException e) {
                    throw new Failure.StoreFailure("cannot write " + file + ": " + IoReasons.of(e), e);
                }
                return changed;
            }
        }
    }

    private Path file(String serverId) {
        return folder.resolve(AccountIds.checkServerId(serverId) + ".json");
    }

    /**
     * A damaged file is an error rather than an empty log: forgetting the counts is what would let
     * a looping job through. Only someone else's hand damages it (it is written atomically).
     */
    private RequestLogDocument load(String serverId, Path file) {
        if (!Files.exists(file)) {
            return RequestLogDocument.empty();
        }
        try {
            RequestLogDocument read = RequestLogDocument.read(Files.readAllBytes(file), documents.get(serverId));
            documents.put(serverId, read);
            return read;
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + " (the rate guard's counts of requests to the CA; "
                    + "removing it starts them afresh): " + IoReasons.of(e), e);
        }
    }
}
