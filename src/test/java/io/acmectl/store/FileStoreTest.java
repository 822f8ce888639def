package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.core.CaServer;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.KeyType;
import io.acmectl.core.StoredAccount;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FileStoreTest extends StoreContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Store newStore(Path root) {
        return new FileStore(root);
    }

    private Path root() {
        return store.root();
    }

    @Test
    void aVersionIsArchivedInFourPartsAndLinkedFromLive() throws Exception {
        save(WWW, KeyType.EC256.generate());
        save(WWW, KeyType.EC256.generate());
        Path archive = root().resolve("archive/www.example.com");
        // live/NAME is one link to a version folder, whose links name certbot's versioned files
        assertEquals(Path.of("../archive/www.example.com/v2"),
                Files.readSymbolicLink(root().resolve("live/www.example.com")));
        for (String part : List.of("cert", "chain", "fullchain", "privkey")) {
            assertTrue(Files.isRegularFile(archive.resolve(part + "1.pem")), part);
            assertEquals(Path.of("../" + part + "2.pem"),
                    Files.readSymbolicLink(archive.resolve("v2/" + part + ".pem")));
            Path live = root().resolve("live/www.example.com/" + part + ".pem");
            assertEquals(archive.resolve(part + "2.pem").toRealPath(), live.toRealPath(), part);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve("v2"))));
        assertEquals(Files.readString(archive.resolve("v2/metadata.json")),
                Files.readString(root().resolve("renewal/www.example.com.json")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(archive.resolve("privkey2.pem"))));
        assertEquals(Files.readString(archive.resolve("cert2.pem")) + Files.readString(archive.resolve("chain2.pem")),
                Files.readString(archive.resolve("fullchain2.pem")));
        assertEquals(2, JSON.readTree(root().resolve("renewal/www.example.com.json").toFile()).get("version").asInt());
        assertTrue(Files.exists(root().resolve("locks/certificate-www.example.com.lock")));
    }

    @Test
    void aServerNamedByAnAliasIsKeptAsItsDirectoryUrl() throws Exception {
        StoredCertificate byUrl = issued(WWW);
        CertificateSpec byAlias = CertificateSpec.builder(CaServer.resolve("pebble"), byUrl.domains(),
                byUrl.spec().challenges()).build();
        KeyPair key = KeyType.EC256.generate();
        List<X509Certificate> chain = TestChains.chainFor(key, WWW.value());
        store.lineages().edit(WWW, editor -> editor.save(StoredCertificate.issued(WWW, "0a", byUrl.issuedAt(),
                byUrl.notBefore(), byUrl.notAfter(), byAlias, null), key, chain));
        assertEquals("https://localhost:14000/dir",
                JSON.readTree(root().resolve("renewal/www.example.com.json").toFile()).at("/settings/server").asText());
        // The file keeps the directory, not the name it was given by: that is all that comes back.
        CaServer read = store.lineages().find(WWW).orElseThrow().spec().server();
        assertEquals(byAlias.server().directory(), read.directory());
        assertEquals(byAlias.server().id(), read.id());
        assertEquals("https://localhost:14000/dir", read.name());
    }

    @Test
    void theNextVersionIsCountedFromTheArchiveSoALeftoverIsNeverOverwritten() throws Exception {
        Path leftover = root().resolve("archive/www.example.com/cert4.pem");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "left by a crashed run");
        assertEquals(5, save(WWW, KeyType.EC256.generate()).version());
        assertEquals("left by a crashed run", Files.readString(leftover));
    }

    @Test
    void removingTheLiveFilesKeepsTheArchiveAndTheMetadata() throws Exception {
        save(WWW, KeyType.EC256.generate());
        store.lineages().edit(WWW, editor -> {
            editor.removeLive();
            return null;
        });
        assertFalse(Files.exists(root().resolve("live/www.example.com")));
        assertTrue(Files.exists(root().resolve("archive/www.example.com/cert1.pem")));
        assertTrue(store.lineages().find(WWW).isPresent());
    }

    @Test
    void namesComeFromTheFileNamesAndSkipWhatNoRunCouldHaveWritten() throws Exception {
        Path renewal = Files.createDirectories(root().resolve("renewal"));
        Files.writeString(renewal.resolve("b.example.com.json"), "not parsed");
        Files.writeString(renewal.resolve("a.example.com.json"), "not parsed");
        Files.writeString(renewal.resolve(".a.example.com.json.1234.tmp"), "");
        Files.writeString(renewal.resolve("..json"), "");
        Files.writeString(renewal.resolve("notes.txt"), "");
        assertEquals(List.of(CertificateName.of("a.example.com"), CertificateName.of("b.example.com")),
                store.lineages().names());
        Failure.StoreFailure damaged = assertThrows(Failure.StoreFailure.class,
                () -> store.lineages().find(CertificateName.of("a.example.com")));
        assertTrue(damaged.getMessage().startsWith("cannot read " + renewal.resolve("a.example.com.json") + ": "),
                damaged.getMessage());
        assertTrue(store.lineages().find(CertificateName.of("c.example.com")).isEmpty());
    }

    @Test
    void listingAccountsReadsNoKeyButAskingForTheKeyDoes() throws Exception {
        StoredAccount account = register(SERVER, "https://localhost:14000/my-account/1", KeyType.EC256.generate());
        Path folder = root().resolve("accounts/localhost_14000/1");
        Files.writeString(folder.resolve("account.key"), "garbage, not a key");
        assertEquals(List.of(account), store.accounts().list(SERVER));
        Failure.StoreFailure failure = assertThrows(Failure.StoreFailure.class,
                () -> store.accounts().key(SERVER, account));
        assertTrue(failure.getMessage().startsWith("cannot read " + folder.resolve("account.key") + ": "),
                failure.getMessage());
    }

    @Test
    void anAccountKeyOthersCanReadIsRefusedWithTheFix() throws Exception {
        StoredAccount account = register(SERVER, "https://localhost:14000/my-account/2", KeyType.EC256.generate());
        Path key = root().resolve("accounts/localhost_14000/2/account.key");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Failure.BadInput failure = assertThrows(Failure.BadInput.class, () -> store.accounts().key(SERVER, account));
        assertTrue(failure.getMessage().contains("readable by other users")
                && failure.getMessage().contains("chmod 600"), failure.getMessage());
    }

    @Test
    void anAccountIsKeptInTheSameShapeAsBefore() throws Exception {
        register(SERVER, "https://localhost:14000/my-account/1", KeyType.EC256.generate());
        Path folder = root().resolve("accounts/localhost_14000/1");
        JsonNode json = JSON.readTree(folder.resolve("account.json").toFile());
        assertEquals(List.of("url", "server", "contacts", "created-at", "status"), fieldNames(json));
        assertEquals("https://localhost:14000/my-account/1", json.get("url").asText());
        assertEquals("2026-01-02T03:04:05Z", json.get("created-at").asText());
        assertEquals("valid", json.get("status").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve("account.key"))));
        try (var entries = Files.list(folder.getParent())) {
            assertEquals(List.of(folder), entries.toList(), "no pending folder may stay behind");
        }
        assertTrue(Files.exists(root().resolve("locks/accounts-localhost_14000.lock")));
    }

    @Test
    void anAccountWrittenByAnEarlierVersionIsListed() throws Exception {
        Path folder = Files.createDirectories(root().resolve("accounts/localhost_14000/abc"));
        Files.writeString(folder.resolve("account.json"), """
                {
                  "url" : "https://localhost:14000/my-account/abc",
                  "server" : "https://localhost:14000/dir",
                  "contacts" : [ "mailto:a@example.com" ],
                  "created-at" : "2026-01-02T03:04:05Z",
                  "status" : "deactivated"
                }""");
        StoredAccount account = store.accounts().list(SERVER).get(0);
        assertEquals("abc", account.id());
        assertEquals("https://localhost:14000/dir", account.server());
        assertEquals(List.of("mailto:a@example.com"), account.contacts());
        assertTrue(account.isDeactivated());
    }

    @Test
    void aServerIdOrAccountIdThatIsAPathIsRefused() {
        assertThrows(Failure.BadInput.class, () -> store.accounts().list("../x"));
        StoredAccount forged = new StoredAccount("../../x", "s", null, List.of(), null, "valid");
        assertThrows(Failure.BadInput.class, () -> store.accounts().key(SERVER, forged));
    }

    // --- the want-list cache

    private static WantList wantList() {
        CertificateSpec spec = CertificateSpec.builder(CaServer.resolve("https://localhost:14000/dir"),
                List.of("www.example.com", "example.com"), new ChallengeChoice(
                        new ChallengeSpec.Webroot(Path.of("/var/www/html")),
                        Map.of("example.com", new ChallengeSpec.Standalone(8080, "127.0.0.1"))))
                .key(new io.acmectl.core.KeySpec(KeyType.RSA2048, true))
                .profile("shortlived")
                .renewBefore(io.acmectl.core.RenewBefore.parse("12h"))
                .hooks(new Hooks(List.of("pre"), List.of(), List.of("deploy")))
                .build();
        return new WantList(Path.of("/etc/acmectl/want.yaml"), new Hooks(List.of("g"), List.of(), List.of()),
                List.of(new WantList.Wanted(WWW, spec, List.of("admin@example.com"), true)));
    }

    @Test
    void theWantListIsReadBackFromTheCacheWhileItsKeyIsUnchanged() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        WantList first = store.cachedWantList("k1", () -> {
            loads.incrementAndGet();
            return wantList();
        });
        WantList cached = store.cachedWantList("k1", () -> {
            throw new AssertionError("the cache must be used");
        });
        assertEquals(first, cached);
        assertEquals(1, loads.get());
        JsonNode file = JSON.readTree(root().resolve("cache/want-list.json").toFile());
        assertEquals("k1", file.get("key").asText());
        assertEquals("/etc/acmectl/want.yaml", file.at("/value/file").asText());
        assertEquals(8080, file.at("/value/certificates/0/settings/challenges-by-name/example.com/port").asInt());

        store.cachedWantList("k2", () -> {
            loads.incrementAndGet();
            return wantList();
        });
        assertEquals(2, loads.get());
        Files.writeString(root().resolve("cache/want-list.json"), "{ not json");
        assertEquals(first, store.cachedWantList("k2", () -> {
            loads.incrementAndGet();
            return wantList();
        }));
        assertEquals(3, loads.get());
    }

    @Test
    void aHandEditOfTheRecordOrALiveLinkMovedByHandChangesTheStamp() throws Exception {
        save(WWW, KeyType.EC256.generate());
        save(WWW, KeyType.EC256.generate());
        String before = store.lineages().stamp(WWW);
        Path record = root().resolve("renewal/www.example.com.json");
        Files.writeString(record, Files.readString(record).replace("\"version\"", "\"version\" ")); // one byte longer
        assertFalse(before.equals(store.lineages().stamp(WWW)), "a hand edit of renewal/NAME.json");
        String edited = store.lineages().stamp(WWW);
        Path live = root().resolve("live/www.example.com");
        Path target = Files.readSymbolicLink(live);
        Files.delete(live);
        Files.createSymbolicLink(live, Path.of(target.toString().replace("v2", "v1")));
        assertFalse(edited.equals(store.lineages().stamp(WWW)), "live/ pointed at another version by hand");
        Files.delete(live);
        assertEquals(null, store.lineages().stamp(WWW), "no live link: nothing to tell it by");
    }

    @Test
    void aDamagedNotDueCacheIsNotUsed() throws Exception {
        Files.createDirectories(root().resolve("cache"));
        Files.writeString(root().resolve("cache/not-due.json"), "{\"version\": \"1 x\", \"lineages\": [ {\"na");
        assertEquals(List.of(), store.notDue("1 x"));
        store.rememberNotDue("1 x", List.of());
        assertTrue(Files.readString(root().resolve("cache/not-due.json")).contains("\"1 x\""));
    }

    @Test
    void aCacheThatCannotBeWrittenIsNotUsed() throws Exception {
        Files.createDirectories(root());
        Files.writeString(root().resolve("cache"), "a file where the cache folder would be");
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertNotNull(store.cachedWantList("k", () -> {
                loads.incrementAndGet();
                return wantList();
            }));
        }
        assertEquals(2, loads.get());
    }

    @Test
    void aCacheWrittenByTheEarlierVersionIsReadBack() throws Exception {
        Path cache = Files.createDirectories(root().resolve("cache")).resolve("want-list.json");
        Files.writeString(cache, OldFiles.WANT_LIST_CACHE);
        WantList wantList = store.cachedWantList("k1", () -> {
            throw new AssertionError("the cache must be used");
        });
        assertEquals(Path.of("/etc/acmectl/want.yaml"), wantList.file());
        assertEquals(List.of("g-pre"), wantList.hooks().pre());
        WantList.Wanted wanted = wantList.certificates().get(0);
        assertEquals(WWW, wanted.name());
        assertEquals(List.of("admin@example.com"), wanted.emails());
        assertTrue(wanted.agreeTos());
        assertTrue(wanted.spec().renewBefore().isAuto());
        assertEquals(new ChallengeSpec.Webroot(Path.of("/var/www/html")), wanted.spec().challenges().fallback());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
