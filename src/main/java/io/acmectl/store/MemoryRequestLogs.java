package io.acmectl.store;

import io.acmectl.core.RequestLog;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The twin of {@link FileRequestLogs}: one log per server in a map, changed under one monitor. */
final class MemoryRequestLogs implements RequestLogs {
    private final Map<String, RequestLog> logs = new HashMap<>();

    @Override
    public synchronized RequestLog read(String serverId, Instant now) {
        return logs.getOrDefault(AccountIds.checkServerId(serverId), RequestLog.EMPTY).pruned(now);
    }

    @Override
    public synchronized RequestLog update(String serverId, Instant now, UnaryOperator<RequestLog> change) {
        RequestLog changed = change.apply(read(serverId, now));
        logs.put(serverId, changed);
        return changed;
    }
}
