package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.CertificateName;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WantListLoaderTest {
    @TempDir
    Path dir;

    Path webroot;

    @BeforeEach
    void makeWebroot() throws Exception {
        webroot = Files.createDirectories(dir.resolve("www"));
    }

    private static WantList load(Path file) {
        return WantListLoader.load(file, "letsencrypt");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("want.yaml"), yaml.replace("WEBROOT", webroot.toString()));
    }

    @Test
    void theDocumentedExampleLoadsWithDefaultsApplied() throws Exception {
        WantList list = load(write("""
                defaults:
                  server: letsencrypt-staging
                  email: admin@example.com
                  key: { type: ec256, reuse: false }
                  challenge: { webroot: WEBROOT }
                  renew-before: auto
                  hooks: { pre: [], post: ["systemctl reload nginx"], deploy: [] }
                certificates:
                  - name: example.com
                    domains: [www.example.com]
                  - name: api
                    domains: [api.example.com]
                    profile: shortlived
                    key: { type: rsa2048, reuse: true }
                    challenge: { standalone: { port: 8080 } }
                    hooks: { deploy: ["/usr/local/bin/push-cert"] }
                  - name: no-apex
                    domains: [www.other.example]
                    include-apex: false
                """));
        assertEquals(List.of("systemctl reload nginx"), list.hooks().post());
        WantList.Wanted site = list.certificates().get(0);
        assertEquals(List.of("www.example.com", "example.com"), site.spec().domains());
        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory",
                site.spec().server().directory().toString());
        ChallengeSpec.Webroot siteChallenge = assertInstanceOf(ChallengeSpec.Webroot.class,
                site.spec().challenges().fallback());
        assertEquals(webroot, siteChallenge.folder());
        assertEquals(List.of("admin@example.com"), site.emails());
        assertNull(site.spec().profile());

        WantList.Wanted api = list.certificates().get(1);
        assertEquals("shortlived", api.spec().profile());
        assertEquals(new KeySpec(KeyType.RSA2048, true), api.spec().key());
        ChallengeSpec.Standalone apiChallenge = assertInstanceOf(ChallengeSpec.Standalone.class,
                api.spec().challenges().fallback());
        assertEquals(8080, apiChallenge.port());
        assertEquals(List.of("/usr/local/bin/push-cert"), api.spec().hooks().deploy());
        assertEquals(List.of("www.other.example"), list.certificates().get(2).spec().domains());
    }

    /**
     * Each malformed file: the line and column of the fault, and words of the message. A fault in the
     * file as a whole stops it; one in a certificate's entry rejects that entry, with every error.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown key            | certificates:\\n  - name: a\\n    domians: [a.example.com]\\n                                            | 3:5  | unknown key 'domians' | entry
        unknown default key    | defaults:\\n  sever: letsencrypt\\ncertificates: []\\n                                                    | 2:3  | unknown key 'sever' | file
        wrong type             | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n    key: { type: ec256, reuse: maybe }\\n | 4:32 | 'certificates[0].key.reuse' | entry
        bad syntax             | certificates:\\n  - name: a\\n   domains: [a.example.com\\n                                              | 3:   | not valid YAML | file
        invalid domain         | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [ok.example.com, bad_name.example.com]\\n | 5:31 | invalid domain name 'bad_name.example.com' | entry
        duplicate name         | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n  - name: a\\n    domains: [b.example.com]\\n | 6:11 | duplicate certificate name 'a' | entry
        wildcard with http-01  | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: w\\n    domains: ["*.example.com"]\\n  | 5:15 | needs dns-01 | entry
        missing webroot        | defaults:\\n  challenge: { webroot: /nonexistent/site }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n | 2:25 | webroot /nonexistent/site does not exist | file
        unknown key type       | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n    key: { type: dsa1024 }\\n | 6:18 | unknown key type 'dsa1024' | entry
        bad renew-before       | defaults:\\n  challenge: { webroot: WEBROOT }\\n  renew-before: soon\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n | 3:17 | renew-before 'soon' | file
        unknown server         | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n    server: letsencrpyt\\n | 6:13 | unknown server 'letsencrpyt' | entry
        no domains             | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: []\\n          | 5:5  | needs at least one domain | entry
        no challenge           | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n                                                | 2:5  | needs exactly one challenge | entry
        bad port               | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n    challenge: { standalone: { port: 70000 } }\\n | 4:38 | port 70000 | entry
        bad certificate name   | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: ../etc\\n    domains: [a.example.com]\\n | 4:11 | invalid certificate name | entry
        bad e-mail             | defaults:\\n  email: [nobody]\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n | 2:11 | 'nobody' is not an e-mail address | file
        class names cut        | certificates:\\n  - name: a\\n    key: 5\\n                                                               | 3:10 | Cannot construct instance of `Key` | entry
        duplicate key          | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n    domains: [b.example.com]\\n        | 4:5  | duplicate key 'domains' (first at 3:5) | file
        duplicate top key      | certificates: []\\ncertificates: []\\n                                                                   | 2:1  | duplicate key 'certificates' (first at 1:1) | file
        anchor on a list       | defaults:\\n  hooks: { deploy: &d [x], post: *d }\\ncertificates: []\\n                                     | 2:20 | anchors and aliases are not supported here ('&d') | file
        alias of a scalar      | defaults:\\n  profile: &p classic\\n  renew-before: *p\\ncertificates: []\\n                                 | 3:17 | ('*p') | file
        tab in indentation     | certificates:\\n\t- name: a\\n                                                                          | 2:1  | a tab in the indentation | file
        deep nesting           | certificates: [[[[[[[[[[[[]]]]]]]]]]]]\\n                                                                 | 1:24 | nested more than 10 levels deep | file
        bad profile            | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n    profile: a b\\n | 6:14 | 'a b' is not a profile name | entry
        empty entry            | certificates:\\n  -\\n  - name: a\\n                                                                   | 2:4  | empty certificate entry | entry
        name in defaults       | defaults:\\n  name: x\\ncertificates:\\n  - name: a\\n                                                  | 2:3  | belong to a certificate, not to defaults | file
        webroot not a folder   | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n    challenge: { webroot: WEBROOT/../want.yaml }\\n | 4:27 | is not a folder | entry
        """)
    void aMalformedFileIsNamedByLineAndColumn(String what, String yaml, String lineColumn, String message,
            String level) throws Exception {
        Path file = write(yaml.replace("\\n", "\n"));
        List<String> errors;
        if (level.equals("file")) {
            errors = List.of(assertThrows(Failure.BadInput.class, () -> load(file)).getMessage());
        } else {
            errors = load(file).rejected().stream().flatMap(r -> r.errors().stream()).toList();
        }
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(file + ":" + lineColumn) && e.contains(message)),
                () -> what + ": " + errors);
        errors.forEach(e -> assertEquals(1, e.lines().count(), e));
    }

    @Test
    void theExampleInConfigExamplesIsValid() throws Exception {
        String example = Files.readString(Path.of("config-examples/want.yaml"));
        WantList list = load(write(example.replace("/var/www/html", "WEBROOT")));
        assertEquals(List.of(CertificateName.of("example.com"), CertificateName.of("api")),
                list.certificates().stream().map(WantList.Wanted::name).toList());
        assertEquals(List.of("www.example.com", "example.com"), list.certificates().get(0).spec().domains());
        assertEquals("shortlived", list.certificates().get(1).spec().profile());
    }

    @Test
    void aMissingFileIsNamedWithTheReason() {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> load(dir.resolve("nope.yaml")));
        assertEquals("cannot read want list " + dir.resolve("nope.yaml") + ": no such file or directory",
                e.getMessage());
    }

    /** A fresh install's want list (examples commented out) is a want list with nothing to do. */
    @ParameterizedTest
    @ValueSource(strings = {"certificates: []\n", "certificates:\n", "# certificates:\n#   - name: a\n", "",
        "defaults:\n  email: [ops@example.com]\n"})
    void aFileWithoutCertificatesIsAnEmptyWantList(String yaml) throws Exception {
        WantList list = load(write(yaml));
        assertEquals(List.of(), list.certificates());
    }

    /** The one error of a want list whose one entry is invalid. */
    private static String onlyError(WantList list) {
        assertEquals(List.of(), list.certificates());
        assertEquals(1, list.rejected().size(), list.rejected()::toString);
        assertEquals(1, list.rejected().get(0).errors().size(), list.rejected()::toString);
        return list.rejected().get(0).errors().get(0);
    }

    @Test
    void aKeyAndAValueHoldingNewlinesStayOnOneLine() throws Exception {
        String key = onlyError(load(write("certificates:\n  - name: a\n    \"dom\\nains\": [a.example.com]\n")));
        assertTrue(key.contains(":3:5: unknown key 'dom\\nains'"), key);
        String value = onlyError(load(write("defaults:\n  challenge: "
                + "{ webroot: WEBROOT }\ncertificates:\n  - name: a\n    domains: [\"a\\nb.example.com\"]\n")));
        assertTrue(value.contains(":5:15: invalid domain name 'a\\nb.example.com'"), value);
        assertEquals(1, key.lines().count());
        assertEquals(1, value.lines().count());
    }

    @Test
    void aLongValueIsCutToAShortPrefix() throws Exception {
        String name = "a".repeat(500_000);
        String e = onlyError(load(write("defaults:\n  challenge: "
                + "{ webroot: WEBROOT }\ncertificates:\n  - name: a\n    domains: [" + name + "]\n")));
        assertTrue(e.contains("'" + "a".repeat(60) + "'... (500000 characters)"), e);
        assertTrue(e.length() < 300, e);
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeItIsParsed() throws Exception {
        Path file = write("#".repeat((int) WantListLoader.MAX_BYTES) + "\n");
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> load(file));
        assertEquals("want list " + file + " is larger than 1 MiB: that is not a want list acmectl reads",
                e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8SaysWhere() throws Exception {
        Path file = Files.write(dir.resolve("want.yaml"), "certificates:\n  - name: caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> load(file));
        assertEquals(file + ":2:14: want list is not UTF-8 text (byte 0xe9 at byte offset 27): save it as UTF-8",
                e.getMessage());
    }

    @Test
    void aDeviceAFolderAndASymlinkLoopAreRefusedWithTheReason() throws Exception {
        assertEquals("want list /dev/zero is not a regular file (a device, a pipe or a socket): name a file",
                assertThrows(Failure.BadInput.class, () -> load(Path.of("/dev/zero"))).getMessage());
        assertEquals("cannot read want list " + webroot + ": is a directory",
                assertThrows(Failure.BadInput.class, () -> load(webroot)).getMessage());
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        assertEquals("cannot read want list " + loop + ": too many levels of symbolic links",
                assertThrows(Failure.BadInput.class, () -> load(loop)).getMessage());
        Failure.BadInput webrootLoop = assertThrows(Failure.BadInput.class, () -> load(write("defaults:\n  "
                + "challenge: { webroot: " + loop + " }\ncertificates:\n  - name: a\n    domains: [a.example.com]\n")));
        assertEquals(dir.resolve("want.yaml") + ":2:25: webroot " + loop + " cannot be used: too many levels of "
                + "symbolic links", webrootLoop.getMessage());
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        assertEquals(List.of(), load(write("\uFEFFcertificates: []\n")).certificates());
    }
}
