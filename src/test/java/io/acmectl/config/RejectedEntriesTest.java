package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.WantList;
import io.acmectl.store.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An invalid certificate entry rejects that entry only, with every error it has; a fault in the file
 * as a whole still stops all of it.
 */
class RejectedEntriesTest {
    /** Five entries in trouble around a valid one: several errors, no name, unknown keys, a name given twice. */
    private static final String FILE = """
            defaults:
              challenge: { webroot: WEBROOT }
            certificates:
              - name: good
                domains: [good.example.com]
              - name: many
                profile: a b
                domains: [ok.example.com, bad_name.example.com]
                email: [nobody]
                key: { type: dsa1024 }
              - domains: [x.example.com]
              - name: typos
                domainz: [t.example.com]
                sever: letsencrypt
              - name: twice
                domains: [one.example.com]
              - name: twice
                domains: [two.example.com]
            """;

    @TempDir
    Path dir;

    Path webroot;

    @BeforeEach
    void makeWebroot() throws Exception {
        webroot = Files.createDirectories(dir.resolve("www"));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("want.yaml"), yaml.replace("WEBROOT", webroot.toString()));
    }

    private static WantList load(Path file) {
        return WantListLoader.load(file, "letsencrypt");
    }

    @Test
    void everyErrorOfEveryEntryIsReportedInFileOrder() throws Exception {
        Path file = write(FILE);
        WantList list = load(file);
        assertEquals(List.of(CertificateName.of("good")), list.certificates().stream().map(WantList.Wanted::name)
                .toList());
        assertEquals(Arrays.asList("many", null, "typos", "twice", "twice"), list.rejected().stream()
                .map(WantList.Rejected::name).toList());
        assertErrors(list.rejected().get(0), file + ":7:14: 'a b' is not a profile name",
                file + ":8:31: invalid domain name 'bad_name.example.com'",
                file + ":9:13: 'nobody' is not an e-mail address",
                file + ":10:18: unknown key type 'dsa1024'");
        assertErrors(list.rejected().get(1), file + ":11:5: a certificate needs a name");
        assertErrors(list.rejected().get(2), file + ":13:5: unknown key 'domainz'", file + ":14:5: unknown key 'sever'");
        assertErrors(list.rejected().get(3), file + ":15:11: certificate name 'twice' is given again at " + file
                + ":17:11: (neither entry is used)");
        assertErrors(list.rejected().get(4), file + ":17:11: duplicate certificate name 'twice' (first at " + file
                + ":15:11:)");
    }

    /** Each error starts as given (the messages may go on), one line each, and there are no others. */
    private static void assertErrors(WantList.Rejected rejected, String... starts) {
        assertEquals(starts.length, rejected.errors().size(), rejected::toString);
        for (int i = 0; i < starts.length; i++) {
            String error = rejected.errors().get(i);
            assertTrue(error.startsWith(starts[i]), () -> error + "\ndoes not start with\n" + rejected);
            assertEquals(1, error.lines().count(), error);
        }
    }

    /** A valid entry and an invalid one, after a fault that is the file's, not an entry's. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not YAML               | certificates: [\\n                                     | 2:3  | not valid YAML
        unknown top-level key  | sertificates: []\\n                                    | 1:1  | unknown key 'sertificates'
        unknown default key    | defaults:\\n  sever: letsencrypt\\n                    | 2:3  | unknown key 'sever'
        bad default value      | defaults:\\n  renew-before: soon\\n                    | 2:17 | renew-before 'soon'
        bad default challenge  | defaults:\\n  challenge: { webroot: /nonexistent/x }\\n | 2:25 | does not exist
        bad rate-limits        | rate-limits: lots\\n                                   | 1:14 | rate limits 'lots'
        bad policy             | policy: {}\\n                                          | 1:9  | policy needs allowed-domains
        duplicate key in entry | certificates:\\n  - name: d\\n    name: e\\n           | 3:5  | duplicate key 'name'
        alias in an entry      | certificates:\\n  - name: d\\n    domains: &x [d.test]\\n | 3:14 | anchors and aliases
        """)
    void aFaultInTheFileStopsEveryEntry(String what, String fault, String lineColumn, String message)
            throws Exception {
        String entries = """
                  - name: valid
                    domains: [valid.example.com]
                    challenge: { standalone: { port: 8080 } }
                  - name: invalid
                    domains: [in_valid.example.com]
                    challenge: { standalone: { port: 8080 } }
                """;
        String head = fault.replace("\\n", "\n");
        String yaml = head + (head.startsWith("certificates:") ? "" : "certificates:\n") + entries;
        Path file = write(yaml);
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> load(file), what);
        assertTrue(e.getMessage().startsWith(file + ":" + lineColumn), () -> what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> what + ": " + e.getMessage());
    }

    @Test
    void theStoresCacheKeepsTheRejectedEntries() throws Exception {
        WantList list = load(write(FILE));
        FileStore store = new FileStore(dir.resolve("store"));
        store.open();
        store.cachedWantList("k", () -> list);
        WantList cached = store.cachedWantList("k", () -> {
            throw new AssertionError("the cache must be used");
        });
        assertEquals(list, cached);
        assertEquals(5, cached.rejected().size());
        assertTrue(Files.readString(dir.resolve("store/cache/want-list.json")).contains("\"rejected\""));

        // A cache written before entries could be rejected has none.
        Files.writeString(dir.resolve("store/cache/want-list.json"), "{\"key\": \"old\", \"value\": "
                + "{\"file\": \"/etc/acmectl/want.yaml\", \"certificates\": []}}");
        assertEquals(List.of(), store.cachedWantList("old", () -> {
            throw new AssertionError("the cache must be used");
        }).rejected());
    }
}
