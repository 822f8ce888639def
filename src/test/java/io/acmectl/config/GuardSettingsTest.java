package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import io.acmectl.core.Policy;
import io.acmectl.core.RateLimits;
import io.acmectl.core.WantList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The want list's rate-limits and policy keys: what they mean, and where an error in them stands. */
class GuardSettingsTest {
    private static final String CERTIFICATE = """
            certificates:
              - name: site
                domains: [www.example.com]
                challenge: { standalone: { port: 8080 } }
            """;

    @TempDir
    Path dir;

    private WantList load(String yaml) throws Exception {
        return WantListLoader.load(Files.writeString(dir.resolve("want.yaml"), yaml), "letsencrypt");
    }

    /** The file's error, else the first of an entry it rejected. */
    private String error(String yaml) throws Exception {
        try {
            WantList list = load(yaml);
            assertFalse(list.rejected().isEmpty(), "no error in " + yaml);
            return list.rejected().get(0).errors().get(0);
        } catch (Failure.BadInput e) {
            return e.getMessage();
        }
    }

    @Test
    void withoutTheKeysEachCasPublishedLimitsApplyAndEveryNameIsAllowed() throws Exception {
        WantList list = load(CERTIFICATE);
        assertNull(list.rateLimits());
        assertEquals(Policy.ANY, list.policy());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rate-limits: auto                          |                                ",
        "rate-limits: letsencrypt                   | 300, 50, 5, 5                  ",
        "rate-limits: none                          | 0, 0, 0, 0                     ",
        "rate-limits: { duplicates: 2 }             | 0, 0, 2, 0                     ",
        "rate-limits: 'duplicates=2,new-orders=10'  | 10, 0, 2, 0                    ",
        "'rate-limits: {new-orders: 1, certificates-per-domain: 2, duplicates: 3, failed-validations: 4}' | 1,2,3,4",
    })
    void rateLimitsAreAWordOrNumbers(String line, String expected) throws Exception {
        RateLimits limits = load(line + "\n" + CERTIFICATE).rateLimits();
        if (expected == null) {
            assertNull(limits);
        } else {
            int[] n = java.util.Arrays.stream(expected.split(",")).map(String::strip).mapToInt(Integer::parseInt)
                    .toArray();
            assertEquals(new RateLimits(n[0], n[1], n[2], n[3]), limits);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rate-limits: lets-encrypt             | :1:14: | rate limits 'lets-encrypt' are none of: auto, letsencrypt",
        "rate-limits: { duplicate: 2 }         | :1:16: | unknown rate limit 'duplicate' (known: new-orders,",
        "rate-limits: { duplicates: 0 }        | :1:28: | rate limit duplicates must be a whole number of at least 1",
        "rate-limits: { duplicates: '2' }      | :1:28: | rate limit duplicates must be a whole number",
        "rate-limits: { duplicates: 2.5 }      | :1:28: | rate limit duplicates must be a whole number",
        "rate-limits: [letsencrypt]            | :1:14: | rate-limits must be one of: auto, letsencrypt, none",
        "rate-limits: 'duplicates=two'         | :1:14: | rate limit duplicates: 'two' is not a whole number",
        "policy: { allowed-domain: [a.test] }  | :1:11: | unknown key 'allowed-domain'",
        "policy: {}                            | :1:9:  | policy needs allowed-domains",
        "policy: { allowed-domains: [] }       | :1:11: | policy needs allowed-domains",
        "policy: { allowed-domains: [a..test] } | :1:29: | invalid domain name 'a..test'",
    })
    void aMistakeInTheNewKeysIsNamedWhereItStands(String line, String where, String message) throws Exception {
        String error = error(line + "\n" + CERTIFICATE);
        assertTrue(error.startsWith(dir.resolve("want.yaml") + where.strip() + " " + message.strip()), error);
    }

    @Test
    void thePolicyHoldsNormalisedPatterns() throws Exception {
        WantList list = load("policy: { allowed-domains: [Example.COM, \"*.example.org\", \"*.Example.com.\"] }\n"
                + CERTIFICATE);
        assertEquals(List.of("example.com", "*.example.org", "*.example.com"), list.policy().allowedDomains());
    }

    @Test
    void aCertificateOutsideItsOwnFilesPolicyIsRefusedAtTheName() throws Exception {
        String error = error("""
                policy: { allowed-domains: [example.com, "*.example.org"] }
                certificates:
                  - name: ok
                    domains: [a.example.org]
                    challenge: { standalone: { port: 8080 } }
                  - name: wrong
                    domains: [a.example.org, other.example.net]
                    challenge: { standalone: { port: 8080 } }
                """);
        assertTrue(error.contains("want.yaml:7:30: 'other.example.net' is outside the policy's allowed-domains "
                + "(example.com, *.example.org)"), error);
    }

    @Test
    void anApexBroughtAlongByAWwwNameMustBeAllowedToo() throws Exception {
        String error = error("""
                policy: { allowed-domains: ["*.example.org"] }
                certificates:
                  - name: site
                    domains: [www.example.org]
                    challenge: { standalone: { port: 8080 } }
                """);
        assertTrue(error.contains("want.yaml:4:15: 'example.org' (brought along by www.example.org; include-apex: "
                + "false leaves it out) is outside"), error);
        WantList list = load("""
                policy: { allowed-domains: ["*.example.org"] }
                certificates:
                  - name: site
                    domains: [www.example.org]
                    include-apex: false
                    challenge: { standalone: { port: 8080 } }
                """);
        assertEquals(List.of("www.example.org"), list.certificates().get(0).spec().domains());
    }

    @Test
    void theCommandLineAcceptsAndRefusesWhatTheWantListDoes() {
        assertNull(RateLimitValues.parse("auto"));
        assertEquals(RateLimits.LETS_ENCRYPT, RateLimitValues.parse("LetsEncrypt"));
        assertEquals(new RateLimits(0, 0, 2, 0), RateLimitValues.parse("duplicates=2"));
        assertEquals("rate limits 'duplicates=2,duplicates=3' give duplicates twice",
                assertThrows(Failure.BadInput.class, () -> RateLimitValues.parse("duplicates=2,duplicates=3"))
                        .getMessage());
        assertTrue(assertThrows(Failure.BadInput.class, () -> RateLimitValues.parse("duplicates=2,"))
                .getMessage().contains("is not KIND=NUMBER"));
    }
}
