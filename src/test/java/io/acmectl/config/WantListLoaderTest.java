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

    /** Each malformed file: the line and column of the fault, and words of the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown key            | certificates:\\n  - name: a\\n    domians: [a.example.com]\\n                                            | 3:5  | unknown key 'domians'
        unknown default key    | defaults:\\n  sever: letsencrypt\\ncertificates: []\\n                                                    | 2:3  | unknown key 'sever'
        wrong type             | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n    key: { type: ec256, reuse: maybe }\\n | 4:32 | 'certificates[0].key.reuse'
        bad syntax             | certificates:\\n  - name: a\\n   domains: [a.example.com\\n                                              | 3:   | not valid YAML
        invalid domain         | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [ok.example.com, bad_name.example.com]\\n | 5:31 | invalid domain name 'bad_name.example.com'
        duplicate name         | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n  - name: a\\n    domains: [b.example.com]\\n | 6:11 | duplicate certificate name 'a'
        wildcard with http-01  | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: w\\n    domains: ["*.example.com"]\\n  | 5:15 | needs dns-01
        missing webroot        | defaults:\\n  challenge: { webroot: /nonexistent/site }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n | 2:25 | webroot /nonexistent/site does not exist
        unknown key type       | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n    key: { type: dsa1024 }\\n | 6:18 | unknown key type 'dsa1024'
        bad renew-before       | defaults:\\n  challenge: { webroot: WEBROOT }\\n  renew-before: soon\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n | 3:17 | renew-before 'soon'
        unknown server         | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n    server: letsencrpyt\\n | 6:13 | unknown server 'letsencrpyt'
        no domains             | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: []\\n          | 5:5  | needs at least one domain
        no challenge           | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n                                                | 2:5  | needs exactly one challenge
        bad port               | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n    challenge: { standalone: { port: 70000 } }\\n | 4:38 | port 70000
        bad certificate name   | defaults:\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: ../etc\\n    domains: [a.example.com]\\n | 4:11 | invalid certificate name
        bad e-mail             | defaults:\\n  email: [nobody]\\n  challenge: { webroot: WEBROOT }\\ncertificates:\\n  - name: a\\n    domains: [a.example.com]\\n | 2:11 | 'nobody' is not an e-mail address
        class names cut        | certificates:\\n  - name: a\\n    key: 5\\n                                                               | 3:10 | Cannot construct instance of `Key`
        no certificates        | certificates: []\\n                                                                                       | 1:1  | no certificates
        empty entry            | certificates:\\n  -\\n  - name: a\\n                                                                   | 2:4  | empty certificate entry
        name in defaults       | defaults:\\n  name: x\\ncertificates:\\n  - name: a\\n                                                  | 2:3  | belong to a certificate, not to defaults
        webroot not a folder   | certificates:\\n  - name: a\\n    domains: [a.example.com]\\n    challenge: { webroot: WEBROOT/../want.yaml }\\n | 4:27 | is not a folder
        """)
    void aMalformedFileIsNamedByLineAndColumn(String what, String yaml, String lineColumn, String message)
            throws Exception {
        Path file = write(yaml.replace("\\n", "\n"));
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> load(file));
        assertTrue(e.getMessage().startsWith(file + ":" + lineColumn), () -> what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> what + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e::getMessage);
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
    void aMissingFileIsNamed() {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> load(dir.resolve("nope.yaml")));
        assertEquals("want list " + dir.resolve("nope.yaml") + " does not exist", e.getMessage());
    }
}
