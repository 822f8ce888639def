package io.acmectl.flow;

import io.acmectl.core.CertificateName;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.renewal.RenewalCheck;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code certificates}: every stored lineage with its renewal decision as of now. Contacts no CA. */
public final class CertificateListing {
    private final Store store;
    private final Clock clock;

    public CertificateListing(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Entry(StoredCertificate certificate, RenewalDecision decision) {}

    public record Listing(Instant now, List<Entry> entries) {}

    public Listing list() {
        Instant now = clock.instant();
        RenewalCheck check = new RenewalCheck();
        List<Entry> entries = store.lineages().names().stream().map(name -> store.lineages().find(name))
                .flatMap(Optional::stream).map(c -> new Entry(c, check.decide(c, now))).toList();
        return new Listing(now, entries);
    }

    /**
     * The stored lineages the want list names nowhere, valid entry or invalid: left behind when an entry
     * was removed or renamed, still renewed by {@code renew --all} with their stored settings.
     */
    public List<CertificateName> unwanted(WantList wantList) {
        Set<String> named = Stream.concat(wantList.certificates().stream().map(w -> w.name().value()),
                wantList.rejected().stream().map(WantList.Rejected::name)).collect(Collectors.toSet());
        return store.lineages().names().stream().filter(name -> !named.contains(name.value())).toList();
    }
}
