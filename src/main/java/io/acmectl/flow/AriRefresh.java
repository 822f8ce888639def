package io.acmectl.flow;

import io.acmectl.acme.AriClient;
import io.acmectl.core.Failure;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import io.acmectl.store.LineageEditor;
import io.acmectl.store.Lineages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a lineage's ARI window (RFC 9773) fresh: asks the CA only when the cached answer has passed
 * the CA's Retry-After, so a run with nothing due stays local. A CA that cannot answer leaves the
 * cached state as it was; the lifetime rule still applies.
 */
final class AriRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(AriRefresh.class);
    /** A CA without ARI may add it; it is asked again after this long. */
    private static final Duration RECHECK_WITHOUT_ARI = Duration.ofDays(1);
    /** After a failed fetch the cached window (or the lifetime rule) stands until then: not every run pays a time-out. */
    static final Duration RECHECK_AFTER_FAILURE = Duration.ofHours(1);

    private final Lineages lineages;
    private final AccountFlow accounts;
    private final AriClient ari;
    private final Clock clock;

    AriRefresh(Lineages lineages, AccountFlow accounts, AriClient ari, Clock clock) {
        this.lineages = lineages;
        this.accounts = accounts;
        this.ari = ari;
        this.clock = clock;
    }

    StoredCertificate refresh(StoredCertificate current, LineageEditor lineage) {
        RenewalState state = current.renewal();
        Instant now = clock.instant();
        if (state.ariNextCheck() != null && now.isBefore(state.ariNextCheck())) {
            return current;
        }
        RenewalState refreshed;
        try {
            Optional<AriClient.Window> window = ari.fetch(accounts.signer(current.spec().server(),
                    current.accountUrl()), lineages.certificate(current), now);
            refreshed = window.map(w -> state.withAri(w.start(), w.end(), w.explanation(), w.nextCheck()))
                    .orElseGet(() -> state.withoutAri(now.plus(RECHECK_WITHOUT_ARI)));
        } catch (Failure.Locked e) {
            throw e;
        } catch (Failure e) {
            LOG.warn("{}: no renewal information (asked again after {} h): {}", current.name(),
                    RECHECK_AFTER_FAILURE.toHours(), e.getMessage());
            refreshed = state.withAriNextCheck(now.plus(RECHECK_AFTER_FAILURE));
        }
        StoredCertificate updated = current.withRenewal(refreshed);
        lineage.update(updated);
        return updated;
    }
}
