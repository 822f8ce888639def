package io.acmectl.store;

import java.time.Instant;

/**
 * What a renew run found of a lineage it left alone, kept in the store so that the next run need not
 * lock and read the lineage again before {@code until}, if nothing changed it: {@code stamp} is what
 * {@link Lineages#stamp} said of it then, {@code server} the CA its want-list entry named (null:
 * none). The rest is the decision, in words the flow reads back: {@code basis} is a
 * {@code RenewalDecision.Basis} name, {@code renewBefore} a {@code RenewBefore} text, each may be null.
 */
public record NotDueMemo(String name, String stamp, String server, Instant until, Instant dueAt, String basis,
        Instant windowStart, Instant windowEnd, String renewBefore) {}
