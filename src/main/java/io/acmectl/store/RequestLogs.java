package io.acmectl.store;

import io.acmectl.core.RequestLog;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * What acmectl asked of each CA lately, per server ({@code serverId}: {@link io.acmectl.core.CaServer#id()}),
 * for the rate-limit guard. Reading is free. {@link #update} reads, hands the log to the change and
 * writes the result under the server's log lock, so a check and the entry it allows are one step:
 * two runs, or two certificates of one run, never both take the last order a limit leaves.
 */
public interface RequestLogs {
    /** The server's log, without what no window ending at {@code now} counts. */
    RequestLog read(String serverId, Instant now);

    /**
     * Applies {@code change} to the server's log (pruned at {@code now}) and stores what it returns,
     * which is returned. A change that throws stores nothing: that is how a refusal leaves no entry.
     */
    RequestLog update(String serverId, Instant now, UnaryOperator<RequestLog> change);
}
