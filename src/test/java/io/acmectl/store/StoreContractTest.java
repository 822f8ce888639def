package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import io.acmectl.core.PendingOrder;
import io.acmectl.core.StoredAccount;
import io.acmectl.core.StoredCertificate;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules both stores keep, run against each: a lineage's lock is refused while held and only
 * there, an editor is dead once its edit returns, versions count up, accounts serialise per server.
 * Waits are bounded: a broken lock fails a test, it never hangs one.
 */
abstract class StoreContractTest {
    static final CertificateName WWW = CertificateName.of("www.example.com");
    static final CertificateName MAIL = CertificateName.of("mail.example.com");
    static final String SERVER = "localhost_14000";
    static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    Store store;

    abstract Store newStore(Path root);

    @BeforeEach
    void openStore() {
        store = newStore(dir.resolve("store"));
        store.open();
    }

    static StoredCertificate issued(CertificateName name) {
        // By URL: a server named by an alias reads back from a file under its URL (see FileStoreTest).
        CertificateSpec spec = CertificateSpec.builder(CaServer.resolve("https://localhost:14000/dir"),
                List.of(name.value()),
                ChallengeChoice.of(new ChallengeSpec.Standalone(80, null))).build();
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        return StoredCertificate.issued(name, "0a", now, now, now.plus(Duration.ofDays(90)), spec,
                "https://localhost:14000/my-account/1");
    }

    StoredCertificate save(CertificateName name, KeyPair key) throws Exception {
        List<X509Certificate> chain = TestChains.chainFor(key, name.value());
        return store.lineages().edit(name, editor -> editor.save(issued(name), key, chain));
    }

    @Test
    void aSecondEditOfTheSameLineageIsRefusedAtOnceWhileTheFirstRuns() {
        Failure.Locked nested = store.lineages().edit(WWW,
                editor -> assertThrows(Failure.Locked.class, () -> store.lineages().edit(WWW, e -> "never")));
        assertEquals("certificate www.example.com is being worked on by another acmectl run; try again when it is "
                + "done", nested.getMessage());

        ExecutionException fromAnotherThread = store.lineages().edit(WWW, editor -> assertThrows(
                ExecutionException.class, () -> CompletableFuture.supplyAsync(
                        () -> store.lineages().edit(WWW, e -> "never")).get(10, TimeUnit.SECONDS)));
        assertInstanceOf(Failure.Locked.class, fromAnotherThread.getCause());
    }

    @Test
    void differentLineagesDoNotBlockEachOther() throws Exception {
        String inner = store.lineages().edit(WWW, editor -> store.lineages().edit(MAIL, e -> "mail"));
        assertEquals("mail", inner);
        String otherThread = store.lineages().edit(WWW, editor -> {
            try {
                return CompletableFuture.supplyAsync(() -> store.lineages().edit(MAIL, e -> "mail"))
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("mail", otherThread);
    }

    @Test
    void theLockIsFreeAgainAfterAnEditThatFailed() {
        assertThrows(IllegalStateException.class, () -> store.lineages().edit(WWW, editor -> {
            throw new IllegalStateException("the work failed");
        }));
        assertEquals("again", store.lineages().edit(WWW, editor -> "again"));
    }

    @Test
    void anEditorCannotBeUsedOnceItsEditHasReturned() throws Exception {
        KeyPair key = KeyType.EC256.generate();
        StoredCertificate saved = save(WWW, key);
        AtomicReference<LineageEditor> kept = new AtomicReference<>();
        store.lineages().edit(WWW, editor -> {
            kept.set(editor);
            return editor.current();
        });
        LineageEditor late = kept.get();
        assertThrows(IllegalStateException.class, late::current);
        assertThrows(IllegalStateException.class, () -> late.update(saved.revoked(Instant.now(), "superseded")));
        assertThrows(IllegalStateException.class, () -> late.save(saved, key, List.of()));
        assertThrows(IllegalStateException.class, late::removeLive);
        assertFalse(store.lineages().find(WWW).orElseThrow().isRevoked(), "the late update must not be written");
    }

    @Test
    void anEditorChangesOnlyItsOwnLineage() throws Exception {
        StoredCertificate mail = save(MAIL, KeyType.EC256.generate());
        assertThrows(IllegalArgumentException.class, () -> store.lineages().edit(WWW, editor -> {
            editor.update(mail.revoked(Instant.now(), "superseded"));
            return null;
        }));
        assertFalse(store.lineages().find(MAIL).orElseThrow().isRevoked());
    }

    @Test
    void versionsCountUpAndEachKeepsItsKeyAndCertificate() throws Exception {
        KeyPair first = KeyType.EC256.generate();
        KeyPair second = KeyType.EC256.generate();
        StoredCertificate v1 = save(WWW, first);
        StoredCertificate v2 = save(WWW, second);
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        StoredCertificate found = store.lineages().find(WWW).orElseThrow();
        assertEquals(v2, found);
        assertEquals(List.of(WWW), store.lineages().names());
        assertEquals(second.getPublic(), store.lineages().certificate(found).getPublicKey());
        assertEquals(first.getPublic(), store.lineages().certificate(v1).getPublicKey());
        boolean keysKept = store.lineages().edit(WWW, editor -> TestChains.sameKey(second, editor.key(found))
                && TestChains.sameKey(first, editor.key(v1)));
        assertTrue(keysKept);
        assertEquals(store.root().resolve("live").resolve("www.example.com"), store.lineages().live(WWW).directory());
    }

    @Test
    void metadataIsUpdatedAndTheLiveFilesRemovedWithoutLosingTheLineage() throws Exception {
        StoredCertificate saved = save(WWW, KeyType.EC256.generate());
        StoredCertificate revoked = saved.revoked(Instant.parse("2026-01-05T00:00:00Z"), "superseded");
        store.lineages().edit(WWW, editor -> {
            editor.update(revoked);
            editor.removeLive();
            return null;
        });
        assertEquals(revoked, store.lineages().find(WWW).orElseThrow());
        assertEquals(saved.serial(), revoked.serial());
        store.lineages().certificate(revoked); // still in the archive
    }

    @Test
    void aDeletedLineageIsGoneWithEveryVersionAndItsPendingOrderAndCanStartAgain() throws Exception {
        save(WWW, KeyType.EC256.generate());
        save(WWW, KeyType.EC256.generate());
        save(MAIL, KeyType.EC256.generate());
        PendingOrder pending = pending(WWW, "1", 2, KeyType.EC256.generate());
        boolean emptyAfterwards = store.lineages().edit(WWW, editor -> {
            editor.savePendingOrder(pending);
            editor.delete();
            return editor.current().isEmpty() && editor.pendingOrder().isEmpty();
        });
        assertTrue(emptyAfterwards);
        assertEquals(List.of(MAIL), store.lineages().names(), "the other lineage stays");
        assertTrue(store.lineages().find(WWW).isEmpty());
        assertEquals(1, save(WWW, KeyType.EC256.generate()).version(), "a new lineage of the same name starts over");
        LineageEditor late = store.lineages().edit(WWW, editor -> editor);
        assertThrows(IllegalStateException.class, late::delete);
        assertEquals(1, store.lineages().find(WWW).orElseThrow().version());
    }

    @Test
    void aDeleteAndASaveInOneEditReplaceTheLineage() throws Exception {
        save(WWW, KeyType.EC256.generate());
        save(WWW, KeyType.EC256.generate());
        KeyPair key = KeyType.EC384.generate();
        List<X509Certificate> chain = TestChains.chainFor(key, WWW.value());
        StoredCertificate replaced = store.lineages().edit(WWW, editor -> {
            editor.delete();
            return editor.save(issued(WWW), key, chain);
        });
        assertEquals(1, replaced.version());
        assertEquals(key.getPublic(), store.lineages().certificate(store.lineages().find(WWW).orElseThrow())
                .getPublicKey());
    }

    // --- accounts

    StoredAccount register(String serverId, String accountUrl, KeyPair key) throws Exception {
        URL url = URI.create(accountUrl).toURL();
        return store.accounts().edit(serverId, SHORT, editor -> editor.commit(editor.prepare(key),
                "https://localhost:14000/dir", url, List.of("mailto:a@example.com"), Instant.parse(
                        "2026-01-02T03:04:05Z")));
    }

    @Test
    void aSecondAccountEditOfTheSameServerWaitsThenIsRefused() {
        Failure.Locked nested = store.accounts().edit(SERVER, SHORT, editor -> assertThrows(Failure.Locked.class,
                () -> store.accounts().edit(SERVER, Duration.ofMillis(150), e -> "never")));
        assertEquals("another acmectl has held the account lock for localhost_14000 for more than 0 s",
                nested.getMessage());
        assertEquals("other", store.accounts().edit(SERVER, SHORT,
                editor -> store.accounts().edit("acme.example", SHORT, e -> "other")));
        assertEquals("free", store.accounts().edit(SERVER, SHORT, editor -> "free"));
    }

    @Test
    void waitingForTheAccountLockEndsWhenInterrupted() {
        store.accounts().edit(SERVER, SHORT, editor -> {
            Thread.currentThread().interrupt();
            try {
                return assertThrows(Failure.Aborted.class,
                        () -> store.accounts().edit(SERVER, Duration.ofSeconds(5), e -> "never"));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt must be kept for the caller");
            }
        });
    }

    @Test
    void anAccountEditorCannotBeUsedOnceItsEditHasReturned() {
        AccountEditor late = store.accounts().edit(SERVER, SHORT, editor -> editor);
        assertThrows(IllegalStateException.class, late::list);
        assertThrows(IllegalStateException.class, () -> late.prepare(KeyType.EC256.generate()));
    }

    @Test
    void aRegisteredAccountIsListedWithItsKeyAndRegisteringItAgainKeepsTheFirst() throws Exception {
        KeyPair key = KeyType.EC256.generate();
        StoredAccount account = register(SERVER, "https://localhost:14000/my-account/1", key);
        assertEquals("1", account.id());
        assertEquals(List.of(account), store.accounts().list(SERVER));
        assertTrue(TestChains.sameKey(key, store.accounts().key(SERVER, account)));
        assertEquals(List.of(), store.accounts().list("acme.example"));

        StoredAccount again = store.accounts().edit(SERVER, SHORT, editor -> editor.commit(editor.prepare(key),
                "https://localhost:14000/dir", account.url(), List.of(), Instant.parse("2027-01-01T00:00:00Z")));
        assertEquals(account, again);
        assertEquals(List.of(account), store.accounts().list(SERVER));

        StoredAccount digest = register(SERVER, "https://ca.example/acct/7.1", KeyType.EC256.generate());
        assertTrue(digest.id().matches("[0-9a-f]{16}"), digest.id());
    }

    @Test
    void anAbandonedRegistrationLeavesNoAccount() {
        store.accounts().edit(SERVER, SHORT, editor -> {
            editor.abandon(editor.prepare(KeyType.EC256.generate()));
            return null;
        });
        assertEquals(List.of(), store.accounts().list(SERVER));
    }

    @Test
    void aRolloverUsesTheStagedKeyOnlyOnceItIsPromoted() throws Exception {
        KeyPair old = KeyType.EC256.generate();
        KeyPair refused = KeyType.EC256.generate();
        KeyPair next = KeyType.EC256.generate();
        StoredAccount account = register(SERVER, "https://localhost:14000/my-account/1", old);
        store.accounts().edit(SERVER, SHORT, editor -> {
            editor.stageKey(account, refused);
            editor.dropStagedKey(account);
            editor.stageKey(account, next);
            assertTrue(TestChains.sameKey(old, editor.key(account)));
            editor.promoteStagedKey(account);
            editor.update(account.with(List.of("mailto:b@example.com"), StoredAccount.DEACTIVATED));
            return null;
        });
        assertTrue(TestChains.sameKey(next, store.accounts().key(SERVER, account)));
        StoredAccount updated = store.accounts().list(SERVER).get(0);
        assertEquals(List.of("mailto:b@example.com"), updated.contacts());
        assertTrue(updated.isDeactivated());
    }

    @Test
    void aStagedKeyIsReadUntilPromotedOrDroppedAndPromotingTheKeyInUseOnlyTidies() throws Exception {
        KeyPair old = KeyType.EC256.generate();
        KeyPair next = KeyType.EC384.generate();
        StoredAccount account = register(SERVER, "https://localhost:14000/my-account/1", old);
        assertTrue(store.accounts().stagedKey(SERVER, account).isEmpty());
        store.accounts().edit(SERVER, SHORT, editor -> {
            editor.stageKey(account, next);
            assertTrue(TestChains.sameKey(next, editor.stagedKey(account).orElseThrow()));
            editor.dropStagedKey(account);
            assertTrue(editor.stagedKey(account).isEmpty());
            editor.stageKey(account, next);
            return null;
        });
        assertTrue(TestChains.sameKey(next, store.accounts().stagedKey(SERVER, account).orElseThrow()),
                "read without the lock too");
        store.accounts().edit(SERVER, SHORT, editor -> {
            editor.promoteStagedKey(account);
            editor.stageKey(account, next); // what a promotion stopped before its last step leaves
            editor.promoteStagedKey(account);
            return null;
        });
        assertTrue(store.accounts().stagedKey(SERVER, account).isEmpty());
        assertTrue(TestChains.sameKey(next, store.accounts().key(SERVER, account)));
    }

    // --- pending orders

    static PendingOrder pending(CertificateName name, String order, int replacing, KeyPair key) throws Exception {
        return new PendingOrder(URI.create("https://localhost:14000/my-order/" + order).toURL(),
                URI.create("https://localhost:14000/my-account/1").toURL(), issued(name).spec().server(),
                List.of(name.value()), "shortlived", replacing, key, Instant.parse("2026-01-02T03:04:05Z"));
    }

    static void assertSamePending(PendingOrder expected, PendingOrder actual) {
        assertTrue(TestChains.sameKey(expected.key(), actual.key()), "the key");
        assertEquals(List.of(expected.order(), expected.account(), expected.server(), expected.domains(),
                expected.profile(), expected.replacing(), expected.placedAt()), List.of(actual.order(),
                actual.account(), actual.server(), actual.domains(), actual.profile(), actual.replacing(),
                actual.placedAt()));
    }

    @Test
    void aPendingOrderIsKeptUntilDroppedAndANewOneReplacesIt() throws Exception {
        save(WWW, KeyType.EC256.generate());
        PendingOrder first = pending(WWW, "1", 1, KeyType.EC256.generate());
        PendingOrder second = pending(WWW, "2", 1, KeyType.RSA2048.generate());
        assertTrue(store.lineages().edit(WWW, LineageEditor::pendingOrder).isEmpty());
        store.lineages().edit(WWW, editor -> {
            editor.savePendingOrder(first);
            return null;
        });
        assertSamePending(first, store.lineages().edit(WWW, LineageEditor::pendingOrder).orElseThrow());
        assertTrue(store.lineages().edit(MAIL, LineageEditor::pendingOrder).isEmpty(), "another lineage has none");
        store.lineages().edit(WWW, editor -> {
            editor.savePendingOrder(second);
            return null;
        });
        assertSamePending(second, store.lineages().edit(WWW, LineageEditor::pendingOrder).orElseThrow());
        store.lineages().edit(WWW, editor -> {
            editor.dropPendingOrder();
            editor.dropPendingOrder(); // nothing left to drop: no harm
            return null;
        });
        assertTrue(store.lineages().edit(WWW, LineageEditor::pendingOrder).isEmpty());
        assertEquals(1, store.lineages().find(WWW).orElseThrow().version(), "the lineage is as it was");
    }

    @Test
    void aPendingOrderOfAFirstIssuanceMakesNoLineageAndItsEditorDiesWithTheEdit() throws Exception {
        PendingOrder first = pending(WWW, "1", 0, KeyType.EC256.generate());
        LineageEditor late = store.lineages().edit(WWW, editor -> {
            editor.savePendingOrder(first);
            return editor;
        });
        assertTrue(store.lineages().find(WWW).isEmpty());
        assertEquals(List.of(), store.lineages().names());
        assertThrows(IllegalStateException.class, late::pendingOrder);
        assertThrows(IllegalStateException.class, () -> late.savePendingOrder(first));
        assertThrows(IllegalStateException.class, late::dropPendingOrder);
        assertSamePending(first, store.lineages().edit(WWW, LineageEditor::pendingOrder).orElseThrow());
    }

    @Test
    void aLineageStampStaysWhileNothingIsWrittenAndChangesWithEveryWrite() throws Exception {
        assertEquals(null, store.lineages().stamp(WWW), "no lineage, nothing to tell it by");
        StoredCertificate v1 = save(WWW, KeyType.EC256.generate());
        String first = store.lineages().stamp(WWW);
        assertTrue(first != null);
        store.lineages().find(WWW);
        store.lineages().edit(WWW, editor -> editor.current());
        assertEquals(first, store.lineages().stamp(WWW), "reading and an edit that writes nothing keep it");
        save(MAIL, KeyType.EC256.generate());
        assertEquals(first, store.lineages().stamp(WWW), "another lineage's write is not this one's");

        store.lineages().edit(WWW, editor -> {
            editor.update(v1.withRenewal(v1.renewal().withAriNextCheck(Instant.parse("2026-01-03T00:00:00Z"))));
            return null;
        });
        String updated = store.lineages().stamp(WWW);
        assertFalse(first.equals(updated), "an update of the record");
        save(WWW, KeyType.EC256.generate());
        String renewed = store.lineages().stamp(WWW);
        assertFalse(renewed.equals(updated) || renewed.equals(first), "a new version");
        store.lineages().edit(WWW, editor -> {
            editor.removeLive();
            return null;
        });
        assertEquals(null, store.lineages().stamp(WWW), "nothing served: nothing to tell it by");
    }

    @Test
    void whatRenewFoundNotDueIsReadBackOnlyByTheVersionThatWroteIt() {
        assertEquals(List.of(), store.notDue("1 x"));
        NotDueMemo memo = new NotDueMemo("www.example.com", "stamp", null, Instant.parse("2026-01-03T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), "RENEW_BEFORE", null, null, "30d");
        NotDueMemo windowed = new NotDueMemo("mail.example.com", "other", "letsencrypt https://x/dir",
                Instant.parse("2026-01-03T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), "ARI_WINDOW",
                Instant.parse("2026-01-31T00:00:00Z"), Instant.parse("2026-02-02T00:00:00Z"), null);
        store.rememberNotDue("1 x", List.of(memo, windowed));
        assertEquals(List.of(memo, windowed), store.notDue("1 x"));
        assertEquals(List.of(), store.notDue("1 y"));
        store.rememberNotDue("1 x", List.of());
        assertEquals(List.of(), store.notDue("1 x"));
    }
}
