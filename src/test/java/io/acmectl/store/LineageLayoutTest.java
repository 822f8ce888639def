package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout's promises on disk: a lineage's metadata always describes what live/ serves, whatever
 * state a stopped run left; an earlier store keeps working and moves to the new layout on its first
 * write; a stopped run's leftovers go at the next write; a planted lock link is refused.
 */
class LineageLayoutTest {
    private static final CertificateName WWW = CertificateName.of("www.example.com");
    private static final String NAME = WWW.value();

    @TempDir
    Path root;

    private FileStore store;

    @BeforeEach
    void openStore() {
        store = new FileStore(root);
        store.open();
    }

    private StoredCertificate save() throws Exception {
        KeyPair key = KeyType.EC256.generate();
        List<X509Certificate> chain = TestChains.chainFor(key, NAME);
        StoredCertificate base = StoreContractTest.issued(WWW);
        StoredCertificate issued = StoredCertificate.issued(WWW, chain.get(0).getSerialNumber().toString(16),
                base.issuedAt(), base.notBefore(), base.notAfter(), base.spec(), base.accountUrl());
        return store.lineages().edit(WWW, editor -> editor.save(issued, key, chain));
    }

    private Path live() {
        return root.resolve("live").resolve(NAME);
    }

    private Path mirror() {
        return root.resolve("renewal").resolve(NAME + ".json");
    }

    private List<String> repairs() {
        return store.lineages().edit(WWW, LineageEditor::repairs);
    }

    private StoredCertificate found() {
        return store.lineages().find(WWW).orElseThrow();
    }

    private String servedSerial() throws Exception {
        X509Certificate served = io.acmectl.crypto.Pem.readCertificates(Files.readString(live().resolve("cert.pem")),
                "cert").get(0);
        return served.getSerialNumber().toString(16);
    }

    @Test
    void aRunStoppedAfterTheSwitchLeavesAMetadataCopyNobodyTrustsAndTheNextEditRewrites() throws Exception {
        save();
        byte[] first = Files.readAllBytes(mirror());
        StoredCertificate second = save();
        Files.write(mirror(), first); // as if stopped right before its last rename
        assertEquals(2, found().version());
        assertEquals(servedSerial(), found().serial());
        assertEquals(second.serial(), store.lineages().certificate(found()).getSerialNumber().toString(16),
                "revoking by name revokes what live/ serves");

        List<String> repairs = repairs();
        assertEquals(1, repairs.size(), repairs::toString);
        assertTrue(repairs.get(0).contains("said version 1 but live/ serves version 2"), repairs::toString);
        assertEquals(Files.readString(root.resolve("archive/" + NAME + "/v2/metadata.json")),
                Files.readString(mirror()));
        assertEquals(List.of(), repairs(), "repaired once, whole since");
    }

    @Test
    void aFirstIssuanceStoppedBeforeItsMetadataCopyIsListedReadAndCompleted() throws Exception {
        StoredCertificate saved = save();
        Files.delete(mirror());
        assertEquals(List.of(WWW), store.lineages().names());
        assertEquals(saved, found());
        assertTrue(repairs().get(0).contains("was missing"));
        assertTrue(Files.isRegularFile(mirror()));
    }

    @Test
    void anEarlierLayoutIsReadAsItIsAndMovedToTheNewOneByItsFirstWrite() throws Exception {
        StoredCertificate saved = save();
        EarlierLayout.convert(root, NAME);
        assertTrue(Files.isDirectory(live()) && !Files.isSymbolicLink(live()));
        assertEquals(saved, found());
        assertEquals(List.of(), repairs(), "a whole earlier layout is left as it is until written");
        assertFalse(Files.isSymbolicLink(live()));

        StoredCertificate updated = saved.withRenewal(RenewalState.NONE.withFailure("the CA said no", Instant.EPOCH));
        store.lineages().edit(WWW, editor -> {
            editor.update(updated);
            return null;
        });
        assertEquals(Path.of("../archive/" + NAME + "/v1"), Files.readSymbolicLink(live()));
        assertEquals(updated, found());
        assertEquals(1, EarlierLayout.servedVersion(root, NAME));
        try (Stream<Path> entries = Files.list(root.resolve("live"))) {
            assertEquals(List.of(live()), entries.toList(), "the earlier folder is gone, nothing left aside");
        }
        assertEquals(2, save().version());
        assertEquals(2, EarlierLayout.servedVersion(root, NAME));
    }

    @Test
    void anEarlierLayoutTornByAStoppedRunIsReadAsItsNewestCompleteVersionAndMadeWhole() throws Exception {
        save();
        byte[] first = Files.readAllBytes(mirror());
        StoredCertificate second = save();
        EarlierLayout.convert(root, NAME);
        // stopped after switching chain, fullchain and privkey but not cert, and before the metadata
        EarlierLayout.tear(root, NAME, Map.of("cert", 1));
        Files.write(mirror(), first);

        StoredCertificate read = found();
        assertEquals(2, read.version());
        assertEquals(second.serial(), read.serial());
        assertEquals(second.spec(), read.spec());
        assertEquals(second.accountUrl(), read.accountUrl());

        List<String> repairs = repairs();
        assertTrue(repairs.get(0).contains("different versions"), repairs::toString);
        assertEquals(Path.of("../archive/" + NAME + "/v2"), Files.readSymbolicLink(live()));
        assertEquals(second.serial(), servedSerial());
        assertEquals(second.serial(), LineageFiles.record(mirror(), WWW).serial());
    }

    @Test
    void aFolderMovedAsideForTheSwitchIsPutBackByTheNextEdit() throws Exception {
        StoredCertificate saved = save();
        EarlierLayout.convert(root, NAME);
        Files.move(live(), live().resolveSibling("." + NAME + "." + UUID.randomUUID() + ".old"));
        assertEquals(saved, found(), "the metadata copy says what it is meanwhile");

        assertTrue(repairs().get(0).startsWith("put back"));
        assertEquals(saved.serial(), servedSerial());
        assertEquals(2, save().version());
        try (Stream<Path> entries = Files.list(root.resolve("live"))) {
            assertEquals(List.of(live()), entries.toList());
        }
    }

    @Test
    void leftoversOfStoppedRunsGoAtTheNextWriteAndOnlyTheLineagesOwn() throws Exception {
        save();
        Path archive = root.resolve("archive").resolve(NAME);
        List<Path> ours = List.of(archive.resolve(".cert2.pem." + UUID.randomUUID() + ".tmp"),
                live().resolveSibling("." + NAME + "." + UUID.randomUUID() + ".tmp"),
                mirror().resolveSibling("." + NAME + ".json." + UUID.randomUUID() + ".tmp"),
                archive.resolve("v1/.metadata.json." + UUID.randomUUID() + ".tmp"));
        for (Path file : ours) {
            Files.writeString(file, "left by a killed run");
        }
        Path folder = Files.createDirectory(archive.resolve(".v2." + UUID.randomUUID() + ".tmp"));
        Files.createSymbolicLink(folder.resolve("cert.pem"), Path.of("../cert2.pem"));
        Path another = live().resolveSibling(".mail.example.com." + UUID.randomUUID() + ".tmp");
        Files.writeString(another, "another lineage's, whose lock we do not hold");

        assertEquals(2, save().version());
        for (Path file : ours) {
            assertFalse(Files.exists(file), file.toString());
        }
        assertFalse(Files.exists(folder));
        assertTrue(Files.exists(another));
    }

    @Test
    void metadataOfAVersionNoLongerServedNeverOverwritesTheLiveOnes() throws Exception {
        StoredCertificate first = save();
        StoredCertificate second = save();
        store.lineages().edit(WWW, editor -> {
            editor.update(first.revoked(Instant.EPOCH, "superseded"));
            return null;
        });
        assertEquals(second, found());
        assertTrue(LineageFiles.record(root.resolve("archive/" + NAME + "/v1/metadata.json"), WWW).isRevoked());
    }

    @Test
    void aLockFileThatIsASymbolicLinkIsRefusedAndNotFollowed() throws Exception {
        Path victim = root.resolve("victim");
        Path lock = Files.createDirectories(root.resolve("locks")).resolve("certificate-" + NAME + ".lock");
        Files.createSymbolicLink(lock, victim);
        Failure.StoreFailure refused = assertThrows(Failure.StoreFailure.class,
                () -> store.lineages().edit(WWW, editor -> "never"));
        assertTrue(refused.getMessage().startsWith("cannot lock " + lock + ": "), refused.getMessage());
        assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
        assertFalse(Files.exists(victim, java.nio.file.LinkOption.NOFOLLOW_LINKS), "nothing created through it");
    }
}
