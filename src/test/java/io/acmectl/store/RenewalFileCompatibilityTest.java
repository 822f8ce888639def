package io.acmectl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.RenewBefore;
import io.acmectl.core.RenewalState;
import io.acmectl.core.StoredCertificate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code renewal/NAME.json} as earlier versions wrote it loads into the right core values, and is
 * written back in the same shape: existing stores, and the scripts and tests that read the JSON,
 * keep working.
 */
class RenewalFileCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private FileStore store;

    @BeforeEach
    void openStore() {
        store = new FileStore(root);
        store.open();
    }

    private Path file(String name) {
        return root.resolve("renewal").resolve(name + ".json");
    }

    private StoredCertificate load(String name, String json) throws Exception {
        Files.createDirectories(file(name).getParent());
        Files.writeString(file(name), json);
        return store.lineages().find(CertificateName.of(name)).orElseThrow();
    }

    /** Writes the lineage back unchanged, as a renewal that only updates its state would. */
    private String writeBack(StoredCertificate lineage) throws Exception {
        store.lineages().edit(lineage.name(), editor -> {
            editor.update(lineage);
            return null;
        });
        return Files.readString(file(lineage.name().value()));
    }

    @Test
    void aWebrootLineageWithAriStateLoads() throws Exception {
        StoredCertificate lineage = load("www.example.com", OldFiles.WEBROOT);
        assertEquals(CertificateName.of("www.example.com"), lineage.name());
        assertEquals(3, lineage.version());
        assertEquals("04a1b2c3", lineage.serial());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), lineage.issuedAt());
        assertEquals(Instant.parse("2026-01-02T02:04:05Z"), lineage.notBefore());
        assertEquals(Instant.parse("2026-04-02T02:04:05Z"), lineage.notAfter());
        assertFalse(lineage.isRevoked());
        assertEquals("https://localhost:14000/my-account/1", lineage.accountUrl());

        CertificateSpec spec = lineage.spec();
        assertEquals(URI.create("https://localhost:14000/dir"), spec.server().directory());
        assertEquals("localhost_14000", spec.server().id());
        assertEquals(List.of("www.example.com", "example.com"), spec.domains());
        assertEquals(new KeySpec(KeyType.EC256, true), spec.key());
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Webroot(Path.of("/var/www/html"))), spec.challenges());
        assertEquals("shortlived", spec.profile());
        assertTrue(spec.renewBefore().isAuto());
        assertEquals(new Hooks(List.of("systemctl stop nginx"), List.of("systemctl start nginx"),
                List.of("systemctl reload nginx")), spec.hooks());

        assertEquals(new RenewalState(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"),
                "https://ca.example/explain", Instant.parse("2026-02-01T06:00:00Z"), null, "the CA said no",
                Instant.parse("2026-02-01T05:00:00Z")), lineage.renewal());
    }

    @Test
    void aWebrootLineageIsWrittenBackWithTheSameKeysLessTheAutoRule() throws Exception {
        StoredCertificate lineage = load("www.example.com", OldFiles.WEBROOT);
        String written = writeBack(lineage);
        // "auto" is what an absent renew-before means: the one line that goes.
        assertEquals(OldFiles.WEBROOT.stripTrailing().replace("    \"renew-before\" : \"auto\",\n", ""), written);
        ObjectNode expected = (ObjectNode) JSON.readTree(OldFiles.WEBROOT);
        ((ObjectNode) expected.get("settings")).remove("renew-before");
        assertEquals(expected, JSON.readTree(written));
        assertEquals(lineage, store.lineages().find(lineage.name()).orElseThrow());
    }

    @Test
    void aRevokedStandaloneLineageLoadsAndIsWrittenBackByteForByte() throws Exception {
        StoredCertificate lineage = load("mail.example.org", OldFiles.STANDALONE);
        assertEquals(Instant.parse("2026-01-05T00:00:00Z"), lineage.revokedAt());
        assertEquals("superseded", lineage.revocationReason());
        assertNull(lineage.accountUrl());
        CertificateSpec spec = lineage.spec();
        assertEquals(URI.create("https://acme-v02.api.letsencrypt.org/directory"), spec.server().directory());
        assertEquals(new KeySpec(KeyType.RSA2048, false), spec.key());
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Standalone(8080, "127.0.0.1")), spec.challenges());
        assertNull(spec.profile());
        assertEquals(Duration.ofDays(30), spec.renewBefore().before());
        assertEquals(Hooks.NONE, spec.hooks());
        assertEquals(RenewalState.NONE.withoutAri(Instant.parse("2026-01-03T00:00:00Z")), lineage.renewal());

        assertEquals(OldFiles.STANDALONE.stripTrailing(), writeBack(lineage));
    }

    @Test
    void aLineageIssuedFromTheCommandLineLoadsAndIsWrittenBackByteForByte() throws Exception {
        StoredCertificate lineage = load("a.example.net", OldFiles.ISSUED);
        assertEquals(ChallengeChoice.of(new ChallengeSpec.Standalone(80, null)), lineage.spec().challenges());
        assertEquals(RenewBefore.AUTO, lineage.spec().renewBefore());
        assertEquals(RenewalState.NONE, lineage.renewal());
        assertEquals(OldFiles.ISSUED.stripTrailing(), writeBack(lineage));
    }

    @Test
    void challengesByNameAreKeptUnderTheirOwnKeyAndReadBack() throws Exception {
        StoredCertificate lineage = load("www.example.com", OldFiles.WEBROOT);
        ChallengeChoice choice = new ChallengeChoice(new ChallengeSpec.Webroot(Path.of("/var/www/html")),
                Map.of("example.com", new ChallengeSpec.Standalone(8080, null)));
        StoredCertificate changed = new StoredCertificate(lineage.name(), lineage.version(), lineage.serial(),
                lineage.issuedAt(), lineage.notBefore(), lineage.notAfter(), null, null,
                lineage.spec().toBuilder().challenges(choice).renewBefore(RenewBefore.parse("33%")).build(),
                lineage.accountUrl(), lineage.renewal());
        JsonNode written = JSON.readTree(writeBack(changed));
        assertEquals(List.of("server", "account", "domains", "key", "challenge", "challenges-by-name", "profile",
                "renew-before", "hooks"), FileStoreTest.fieldNames(written.get("settings")));
        assertEquals("33%", written.at("/settings/renew-before").asText());
        assertEquals("{\"type\":\"http-01\",\"port\":8080}",
                written.at("/settings/challenges-by-name/example.com").toString());
        assertEquals(changed, store.lineages().find(lineage.name()).orElseThrow());
    }

    @Test
    void aHandEditedValueThatMeansNothingIsBadInputNamingTheFile() throws Exception {
        Failure.BadInput keyType = assertThrows(Failure.BadInput.class,
                () -> load("www.example.com", OldFiles.WEBROOT.replace("\"ec256\"", "\"ec999\"")));
        assertTrue(keyType.getMessage().startsWith("cannot read " + file("www.example.com") + ": unknown key type"),
                keyType.getMessage());
        Failure.BadInput rule = assertThrows(Failure.BadInput.class,
                () -> load("www.example.com", OldFiles.WEBROOT.replace("\"auto\"", "\"soon\"")));
        assertTrue(rule.getMessage().contains("renew-before 'soon'"), rule.getMessage());
    }
}
