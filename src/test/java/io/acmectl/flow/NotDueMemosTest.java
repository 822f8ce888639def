package io.acmectl.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.renewal.RenewalCheck;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.store.MemoryStore;
import io.acmectl.store.NotDueMemo;
import io.acmectl.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What one renew run over all lineages found not due, and when the next may answer from it: only while
 * the lineage's stamp, its want-list server and the time allow, and never for a named, forced or dry run.
 */
class NotDueMemosTest {
    private static final CertificateName WWW = CertificateName.of("www.example.com");
    private static final CaServer SERVER = CaServer.resolve("https://localhost:14000/dir");
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private final MemoryStore store = new MemoryStore(Path.of("/nonexistent/acmectl"));
    private final RenewalCheck check = new RenewalCheck();

    private StoredCertificate stored(RenewBefore rule, RenewalState state) throws Exception {
        CertificateSpec spec = CertificateSpec.builder(SERVER, List.of(WWW.value()),
                ChallengeChoice.of(new ChallengeSpec.Standalone(80, null))).renewBefore(rule).build();
        StoredCertificate issued = StoredCertificate.issued(WWW, "0a", NOW, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(80)), spec, "https://localhost:14000/my-account/1").withRenewal(state);
        TestCertificates.Issued leaf = TestCertificates.forName(TestCertificates.certificateAuthority(), WWW.value());
        return store.lineages().edit(WWW, editor -> editor.save(issued, leaf.key(), List.of(leaf.certificate())));
    }

    private static NotDueMemos memos(MemoryStore store, Instant at, List<CertificateName> names, boolean force) {
        return NotDueMemos.of(store, Clock.fixed(at, ZoneOffset.UTC), new RenewFlow.Request(names, force, false, 4,
                null, AccountRequest.of(List.of(), false), Duration.ZERO));
    }

    private NotDueMemos memos(Instant at) {
        return memos(store, at, List.of(), false);
    }

    /** A run at NOW that found it not due and saved what it found; returns the decision. */
    private RenewalDecision remembered(StoredCertificate current, WantList.Wanted wanted) {
        RenewalDecision decision = check.decide(current, NOW);
        NotDueMemos run = memos(NOW);
        store.lineages().edit(WWW, editor -> {
            run.remember(current, wanted, decision);
            return null;
        });
        run.save();
        return decision;
    }

    private Optional<RenewalDecision> recalled(NotDueMemos run, WantList.Wanted wanted) {
        return run.recall(WWW, wanted).map(outcome -> ((CertificateOutcome.NotDue) outcome).decision());
    }

    @Test
    void theDecisionIsRecalledUntilTheCaIsToBeAskedForRenewalInformationAgain() throws Exception {
        RenewalState ari = RenewalState.NONE.withAri(NOW.plus(Duration.ofDays(50)), NOW.plus(Duration.ofDays(52)), null,
                NOW.plus(Duration.ofHours(6)));
        RenewalDecision decision = remembered(stored(RenewBefore.AUTO, ari), null);
        assertEquals(RenewalDecision.Basis.ARI_WINDOW, decision.basis());
        assertEquals(Optional.of(decision), recalled(memos(NOW.plus(Duration.ofHours(5))), null));
        assertEquals(Optional.empty(), recalled(memos(NOW.plus(Duration.ofHours(6))), null), "the CA is asked now");
    }

    @Test
    void theDecisionIsRecalledUntilTheCertificateFallsDueWhenThatComesFirst() throws Exception {
        RenewalState noAri = RenewalState.NONE.withoutAri(NOW.plus(Duration.ofDays(365)));
        RenewalDecision decision = remembered(stored(RenewBefore.parse("30d"), noAri), null);
        assertEquals(RenewalDecision.Basis.RENEW_BEFORE, decision.basis());
        Instant due = decision.dueAt();
        assertEquals(Optional.of(decision), recalled(memos(due.minusSeconds(1)), null), "the rule read back equal");
        assertEquals(Optional.empty(), recalled(memos(due), null));
    }

    @Test
    void nothingIsRememberedBeforeTheCaWasAskedForRenewalInformation() throws Exception {
        remembered(stored(RenewBefore.AUTO, RenewalState.NONE), null);
        assertEquals(Optional.empty(), recalled(memos(NOW), null));
    }

    @Test
    void aRevokedCertificateIsLookedAtAgainADayLater() throws Exception {
        StoredCertificate revoked = stored(RenewBefore.AUTO, RenewalState.NONE).revoked(NOW, "superseded");
        RenewalDecision decision = remembered(revoked, null);
        assertEquals(RenewalDecision.Basis.REVOKED, decision.basis());
        assertEquals(Optional.of(decision), recalled(memos(NOW.plus(Duration.ofHours(23))), null));
        assertEquals(Optional.empty(), recalled(memos(NOW.plus(Duration.ofDays(1))), null));
    }

    @Test
    void aWriteToTheLineageOrAnotherServerInTheWantListIsLookedAt() throws Exception {
        StoredCertificate current = stored(RenewBefore.AUTO, RenewalState.NONE.withoutAri(NOW.plus(Duration.ofDays(1))));
        WantList.Wanted wanted = new WantList.Wanted(WWW, current.spec(), List.of(), false);
        remembered(current, wanted);
        assertTrue(recalled(memos(NOW), wanted).isPresent());
        assertEquals(Optional.empty(), recalled(memos(NOW), null), "the entry was taken out of the want list");
        CertificateSpec moved = current.spec().toBuilder().server(CaServer.resolve("https://ca.example/dir")).build();
        assertEquals(Optional.empty(), recalled(memos(NOW), new WantList.Wanted(WWW, moved, List.of(), false)));

        store.lineages().edit(WWW, editor -> {
            editor.update(current.withRenewal(current.renewal().withAriNextCheck(NOW.plus(Duration.ofDays(2)))));
            return null;
        });
        assertEquals(Optional.empty(), recalled(memos(NOW), wanted), "the record was written since");
    }

    @Test
    void aNamedOrForcedRunNeitherRecallsNorRemembersAndARunThatLookedAgainDropsWhatItDidNotFind()
            throws Exception {
        StoredCertificate current = stored(RenewBefore.AUTO, RenewalState.NONE.withoutAri(NOW.plus(Duration.ofDays(1))));
        remembered(current, null);
        assertEquals(Optional.empty(), recalled(memos(store, NOW, List.of(WWW), false), null));
        NotDueMemos forced = memos(store, NOW, List.of(), true);
        assertEquals(Optional.empty(), recalled(forced, null));
        forced.save();
        assertEquals(1, store.notDue(NotDueMemos.VERSION).size(), "a forced run leaves them as they were");

        NotDueMemos renewing = memos(NOW); // a run that renewed it: it neither recalled nor remembered it
        renewing.save();
        assertEquals(0, store.notDue(NotDueMemos.VERSION).size());
    }

    @Test
    void aMemoLeftWithoutWhatARecallNeedsIsNoMemo() throws Exception {
        StoredCertificate current = stored(RenewBefore.AUTO, RenewalState.NONE.withoutAri(NOW.plus(Duration.ofDays(1))));
        remembered(current, null);
        NotDueMemo whole = store.notDue(NotDueMemos.VERSION).get(0);
        String stamp = store.lineages().stamp(WWW);
        Instant until = NOW.plus(Duration.ofHours(1));
        for (NotDueMemo broken : List.of(
                new NotDueMemo(WWW.value(), stamp, null, null, whole.dueAt(), whole.basis(), null, null, null),
                new NotDueMemo(WWW.value(), stamp, null, until, whole.dueAt(), null, null, null, null),
                new NotDueMemo(WWW.value(), stamp, null, until, whole.dueAt(), "SOMETHING_NEWER", null, null, null),
                new NotDueMemo(WWW.value(), stamp, null, until, whole.dueAt(), "RENEW_BEFORE", null, null, "soon"),
                new NotDueMemo(WWW.value(), null, null, until, whole.dueAt(), whole.basis(), null, null, null))) {
            store.rememberNotDue(NotDueMemos.VERSION, List.of(broken));
            assertEquals(Optional.empty(), recalled(memos(NOW), null), broken::toString);
        }
        store.rememberNotDue(NotDueMemos.VERSION, List.of(whole));
        assertTrue(recalled(memos(NOW), null).isPresent(), "the whole one, for contrast");
    }
}
