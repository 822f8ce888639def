package io.acmectl.store;

import static io.acmectl.store.StoreContractTest.MAIL;
import static io.acmectl.store.StoreContractTest.WWW;
import static io.acmectl.store.StoreContractTest.assertSamePending;
import static io.acmectl.store.StoreContractTest.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.core.CertificateName;
import io.acmectl.core.KeyType;
import io.acmectl.core.PendingOrder;
import io.acmectl.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pending order on disk: {@code archive/NAME/pending-order.json} and {@code pending-key.pem} (0600),
 * and what the repair at the start of every edit makes of what a stopped run left of them.
 */
class PendingOrderFilesTest {
    @TempDir
    Path dir;

    FileStore store;
    Path archive;

    @BeforeEach
    void openStore() {
        store = new FileStore(dir.resolve("store"));
        store.open();
        archive = store.root().resolve("archive").resolve(WWW.value());
    }

    private void save(CertificateName name) throws Exception {
        KeyPair key = KeyType.EC256.generate();
        store.lineages().edit(name, editor -> {
            try {
                return editor.save(StoreContractTest.issued(name), key, TestChains.chainFor(key, name.value()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private void record(PendingOrder order) {
        store.lineages().edit(WWW, editor -> {
            editor.savePendingOrder(order);
            return null;
        });
    }

    private Optional<PendingOrder> read() {
        return store.lineages().edit(WWW, LineageEditor::pendingOrder);
    }

    private List<String> repairs() {
        return store.lineages().edit(WWW, LineageEditor::repairs);
    }

    @Test
    void itIsARecordAndASecretKeyBesideTheVersionsAndNoVersionOfItsOwn() throws Exception {
        save(WWW);
        KeyPair key = KeyType.EC256.generate();
        record(pending(WWW, "7", 1, key));
        Path json = archive.resolve("pending-order.json");
        Path pem = archive.resolve("pending-key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
        assertTrue(TestChains.sameKey(key, Pem.readKeyPair(Files.readString(pem), "pending-key.pem")));
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertEquals("https://localhost:14000/my-order/7", written.get("order").asText());
        assertEquals("https://localhost:14000/my-account/1", written.get("account").asText());
        assertEquals("https://localhost:14000/dir", written.get("server").asText());
        assertEquals("www.example.com", written.get("domains").get(0).asText());
        assertEquals("shortlived", written.get("profile").asText());
        assertEquals(1, written.get("replacing").asInt());
        assertFalse(written.toString().contains("PRIVATE KEY"), "the key is in its own file only");

        save(WWW); // a run that stored the certificate: version 2, not a version of the pending files
        assertEquals(2, store.lineages().find(WWW).orElseThrow().version());
        assertTrue(Files.isRegularFile(archive.resolve("cert2.pem")));
        store.lineages().edit(WWW, editor -> {
            editor.dropPendingOrder();
            return null;
        });
        assertFalse(Files.exists(json));
        assertFalse(Files.exists(pem));
    }

    @Test
    void aRecordLeftAfterItsCertificateWasStoredIsRemovedAtTheNextEdit() throws Exception {
        save(WWW);
        record(pending(WWW, "7", 1, KeyType.EC256.generate()));
        assertEquals(List.of(), repairs(), "an order still to complete is kept");
        save(WWW); // stored, then stopped before dropping the record

        List<String> repairs = repairs();
        assertEquals(1, repairs.size(), repairs::toString);
        assertTrue(repairs.get(0).contains("my-order/7") && repairs.get(0).contains("version 2"), repairs::toString);
        assertTrue(read().isEmpty());
        assertFalse(Files.exists(archive.resolve("pending-key.pem")));
    }

    @Test
    void aKeyWithoutItsRecordAndARecordThatCannotBeReadAreRemoved() throws Exception {
        save(WWW);
        Files.writeString(archive.resolve("pending-key.pem"), Pem.keyPair(KeyType.EC256.generate()));
        assertTrue(repairs().get(0).contains("never recorded"));
        assertFalse(Files.exists(archive.resolve("pending-key.pem")));

        record(pending(WWW, "7", 1, KeyType.EC256.generate()));
        Files.writeString(archive.resolve("pending-order.json"), "{\"order\": ");
        assertTrue(repairs().get(0).contains("cannot be read"));
        assertTrue(read().isEmpty());
        assertFalse(Files.exists(archive.resolve("pending-order.json")));
    }

    @Test
    void aFirstIssuancesRecordIsReadBackWholeAndTheOtherLineageIsUntouched() throws Exception {
        save(MAIL);
        PendingOrder first = pending(WWW, "9", 0, KeyType.RSA2048.generate());
        record(first);
        assertEquals(List.of(), repairs());
        assertSamePending(first, read().orElseThrow());
        assertEquals(List.of(MAIL), store.lineages().names());
        assertFalse(Files.exists(store.root().resolve("archive").resolve(MAIL.value()).resolve("pending-order.json")));
    }
}
