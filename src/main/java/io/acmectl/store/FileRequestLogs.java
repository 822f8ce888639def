package io.acmectl.store;

import io.acmectl.core.Failure;
import io.acmectl.core.RequestLog;
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
 * {@code ratelimits/<server>.json}, one small document per CA, rewritten whole (atomically) on every
 * change under {@code locks/ratelimits-<server>.lock}. The certificates of one run take turns on a
 * monitor of their own first, so they queue instead of polling the lock file.
 */
final class FileRequestLogs implements RequestLogs {
    /** An update reads and writes one small file: another run holding it longer than this is stuck. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path folder;
    private final Path locks;
    private final ConcurrentMap<String, Object> monitors = new ConcurrentHashMap<>();

    FileRequestLogs(Path folder, Path locks) {
        this.folder = folder;
        this.locks = locks;
    }

    @Override
    public RequestLog read(String serverId, Instant now) {
        return load(file(serverId)).pruned(now);
    }

    @Override
    public RequestLog update(String serverId, Instant now, UnaryOperator<RequestLog> change) {
        Path file = file(serverId);
        synchronized (monitors.computeIfAbsent(serverId, id -> new Object())) {
            try (LockFile held = StoreLocks.requestLog(locks, serverId, PATIENCE)) {
                RequestLog changed = change.apply(load(file).pruned(now));
                try {
                    Documents.write(file, RequestLogRecord.of(changed));
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
    private static RequestLog load(Path file) {
        if (!Files.exists(file)) {
            return RequestLog.EMPTY;
        }
        try {
            return Documents.read(file, RequestLogRecord.class).toLog();
        } catch (IOException e) {
            throw new Failure.StoreFailure("cannot read " + file + " (the rate guard's counts of requests to the CA; "
                    + "removing it starts them afresh): " + IoReasons.of(e), e);
        }
    }
}
