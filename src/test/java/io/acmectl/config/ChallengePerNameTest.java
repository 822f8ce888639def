package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code challenge:} as a map of names (exact or {@code *.} patterns) to one way each, with a default. */
class ChallengePerNameTest {
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

    /** Every error of the one rejected entry. */
    private List<String> errors(String yaml) throws Exception {
        WantList list = load(write(yaml));
        assertEquals(List.of(), list.certificates());
        assertEquals(1, list.rejected().size(), list.rejected()::toString);
        return list.rejected().get(0).errors();
    }

    private void assertOneError(String yaml, String lineColumn, String words) throws Exception {
        List<String> errors = errors(yaml);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith(dir.resolve("want.yaml") + ":" + lineColumn + ": ")
                && errors.get(0).contains(words), errors.get(0));
    }

    @Test
    void eachNameGetsTheWayItsKeyNamesAndTheRestTheDefault() throws Exception {
        WantList list = load(write("""
                certificates:
                  - name: mixed
                    domains: [www.example.com, api.example.com, b.other.example]
                    challenge:
                      default: { webroot: WEBROOT }
                      "*.example.com": { standalone: { port: 8080 } }
                      "API.example.com": { tls-alpn: { port: 8443 } }
                """));
        ChallengeChoice choice = list.certificates().get(0).spec().challenges();
        assertEquals(List.of("www.example.com", "example.com", "api.example.com", "b.other.example"),
                list.certificates().get(0).spec().domains());
        assertEquals(new ChallengeSpec.Standalone(8080, null), choice.forIdentifier(Identifier.dns("www.example.com")));
        assertEquals(new ChallengeSpec.TlsAlpn(8443, null), choice.forIdentifier(Identifier.dns("api.example.com")));
        assertInstanceOf(ChallengeSpec.Webroot.class, choice.forIdentifier(Identifier.dns("b.other.example")));
        assertInstanceOf(ChallengeSpec.Webroot.class, choice.forIdentifier(Identifier.dns("example.com")));
    }

    @Test
    void withoutDefaultEveryNameMustBeCovered() throws Exception {
        WantList list = load(write("""
                certificates:
                  - name: covered
                    domains: [a.example.com, b.example.com]
                    challenge:
                      a.example.com: { standalone: { port: 8080 } }
                      b.example.com: { tls-alpn: {} }
                """));
        ChallengeChoice choice = list.certificates().get(0).spec().challenges();
        assertEquals(new ChallengeSpec.TlsAlpn(443, null), choice.forIdentifier(Identifier.dns("b.example.com")));

        assertOneError("""
                certificates:
                  - name: short
                    domains: [a.example.com, b.example.com]
                    challenge:
                      a.example.com: { standalone: { port: 8080 } }
                """, "5:7", "no challenge for 'b.example.com': add default");
    }

    @Test
    void aKeyThatMatchesNoNameIsAnErrorAtTheKey() throws Exception {
        assertOneError("""
                certificates:
                  - name: typo
                    domains: [a.example.com]
                    challenge:
                      default: { webroot: WEBROOT }
                      "*.exmaple.com": { standalone: {} }
                """, "6:7", "'*.exmaple.com' matches none of the certificate's names (a.example.com)");
    }

    @Test
    void theApexAWwwNameBringsCanHaveAKey() throws Exception {
        WantList list = load(write("""
                certificates:
                  - name: apex
                    domains: [www.example.com]
                    challenge:
                      www.example.com: { webroot: WEBROOT }
                      example.com: { standalone: {} }
                """));
        assertEquals(new ChallengeSpec.Standalone(80, null),
                list.certificates().get(0).spec().challenges().forIdentifier(Identifier.dns("example.com")));
    }

    @Test
    void aWildcardGivenHttp01IsRefusedAtTheDomain() throws Exception {
        assertOneError("""
                certificates:
                  - name: w
                    domains: [a.example.com, "*.example.com"]
                    challenge:
                      default: { webroot: WEBROOT }
                      "*.example.com": { standalone: { port: 8080 } }
                """, "3:30", "wildcard '*.example.com' needs dns-01, but this certificate answers http-01");
    }

    @Test
    void anUnknownKeyInsideAValueIsAnErrorAtThatKey() throws Exception {
        assertOneError("""
                certificates:
                  - name: d
                    domains: [a.example.com]
                    challenge:
                      default: { webroot: WEBROOT }
                      a.example.com: { dns01: { hook: /usr/local/bin/dns-hook } }
                """, "6:24", "unknown key 'dns01'");
    }

    @Test
    void aMisspelledWayAsTheOneWayIsAnUnknownKey() throws Exception {
        assertOneError("""
                certificates:
                  - name: d
                    domains: [a.example.com]
                    challenge: { dns01: { hook: /usr/local/bin/dns-hook } }
                """, "4:18", "unknown key 'dns01'");
    }

    @Test
    void aValueWithTwoWaysIsAnErrorAtItsKey() throws Exception {
        assertOneError("""
                certificates:
                  - name: two
                    domains: [a.example.com]
                    challenge:
                      a.example.com: { webroot: WEBROOT, standalone: {} }
                """, "5:22", "the challenge for 'a.example.com' must be exactly one");
    }

    /** The commented map-form example in config-examples/want.yaml is valid once uncommented. */
    @Test
    void theCommentedExampleIsValid() throws Exception {
        String example = Files.readString(Path.of("config-examples/want.yaml"));
        String uncommented = example.substring(example.indexOf("  # - name: mixed")).lines()
                .map(l -> l.replaceFirst("^  # ", "  ")).collect(java.util.stream.Collectors.joining("\n"));
        WantList list = load(write("certificates:\n" + uncommented.replace("/var/www/html", "WEBROOT") + "\n"));
        ChallengeChoice choice = list.certificates().get(0).spec().challenges();
        assertEquals(new ChallengeSpec.TlsAlpn(443, null), choice.forIdentifier(Identifier.dns("shop.example.org")));
        assertEquals(new ChallengeSpec.Standalone(80, null), choice.forIdentifier(Identifier.dns("www.example.org")));
        assertInstanceOf(ChallengeSpec.Webroot.class, choice.forIdentifier(Identifier.dns("example.org")));
    }

    @Test
    void defaultsTakeTheSingleFormOnly() throws Exception {
        Path file = write("""
                defaults:
                  challenge:
                    default: { webroot: WEBROOT }
                certificates: []
                """);
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> load(file));
        assertTrue(e.getMessage().startsWith(file + ":3:5: a challenge per name belongs to a certificate"),
                e.getMessage());
    }
}
