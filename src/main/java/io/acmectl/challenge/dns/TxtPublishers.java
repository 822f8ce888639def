package io.acmectl.challenge.dns;

import io.acmectl.core.DnsPublisher;
import io.acmectl.core.PreflightChecks;
import java.util.Map;
import java.util.function.BiFunction;

/** Which implementation publishes for each kind of {@link DnsPublisher}: one entry per kind. */
public final class TxtPublishers {
    private static final Map<Class<? extends DnsPublisher>, BiFunction<DnsPublisher, PreflightChecks, TxtPublisher>>
            OPENERS = Map.of(
                    DnsPublisher.Hook.class, (spec, checks) -> new HookPublisher((DnsPublisher.Hook) spec),
                    DnsPublisher.Rfc2136.class, (spec, checks) -> Rfc2136Publisher.open((DnsPublisher.Rfc2136) spec));

    private TxtPublishers() {}

    public static TxtPublisher open(DnsPublisher spec, PreflightChecks checks) {
        BiFunction<DnsPublisher, PreflightChecks, TxtPublisher> opener = OPENERS.get(spec.getClass());
        if (opener == null) {
            throw new IllegalStateException("no TXT publisher for " + spec.getClass().getSimpleName());
        }
        return opener.apply(spec, checks);
    }
}
