package io.acmectl.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** certbot's manual-hook contract: what each hook is told, only through its environment. */
class HookPublisherTest {
    private static final String VARIABLES = "CERTBOT_DOMAIN CERTBOT_VALIDATION CERTBOT_REMAINING_CHALLENGES "
            + "CERTBOT_ALL_DOMAINS ACMECTL_DOMAIN ACMECTL_TXT_NAME ACMECTL_TXT_VALUE CERTBOT_AUTH_OUTPUT";

    @TempDir
    Path dir;

    /** A hook that writes each variable on a line of FILE (and prints a line of its own). */
    private String dump(String file) {
        return "cd " + dir + " && for v in " + VARIABLES + "; do eval \"printf '%s=%s\\n' $v \\\"\\${$v-unset}\\\"\"; "
                + "done > " + file + " && echo auth says hello";
    }

    @Test
    void eachHookIsToldTheRecordInCertbotsVariablesAndOurs() throws Exception {
        HookPublisher publisher = new HookPublisher(new DnsPublisher.Hook(dump("add.env"), dump("remove.env"),
                Duration.ofSeconds(10)));
        TxtRecord record = new TxtRecord("example.com", "_acme-challenge.example.com.", "digest-value", 1,
                List.of("example.com", "example.com", "www.example.com"));
        publisher.add(record);
        publisher.remove(record);
        assertEquals(List.of("CERTBOT_DOMAIN=example.com", "CERTBOT_VALIDATION=digest-value",
                "CERTBOT_REMAINING_CHALLENGES=1", "CERTBOT_ALL_DOMAINS=example.com,example.com,www.example.com",
                "ACMECTL_DOMAIN=example.com", "ACMECTL_TXT_NAME=_acme-challenge.example.com.",
                "ACMECTL_TXT_VALUE=digest-value", "CERTBOT_AUTH_OUTPUT=unset"), Files.readAllLines(dir.resolve("add.env")));
        assertTrue(Files.readAllLines(dir.resolve("remove.env")).contains("CERTBOT_AUTH_OUTPUT=auth says hello"));
    }

    @Test
    void aValueNeverBecomesShellSyntax() throws Exception {
        HookPublisher publisher = new HookPublisher(new DnsPublisher.Hook(
                "cd " + dir + " && printf %s \"$ACMECTL_TXT_VALUE\" > value.txt", null, Duration.ofSeconds(10)));
        String hostile = "$(touch PWNED); `touch PWNED2` ' \"";
        publisher.add(new TxtRecord("example.com", "_acme-challenge.example.com.", hostile, 0, List.of("example.com")));
        assertEquals(hostile, Files.readString(dir.resolve("value.txt")));
        assertFalse(Files.exists(dir.resolve("PWNED")) || Files.exists(dir.resolve("PWNED2")));
    }

    @Test
    void aFailingCleanupHookIsOneLineNamingItAndTheDomain() {
        HookPublisher publisher = new HookPublisher(new DnsPublisher.Hook("true", "echo gone wrong; exit 7",
                Duration.ofSeconds(10)));
        TxtRecord record = new TxtRecord("example.com", "_acme-challenge.example.com.", "v", 0, List.of("example.com"));
        Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class, () -> publisher.remove(record));
        assertEquals("DNS cleanup hook 'echo gone wrong; exit 7' for example.com exited with 7: gone wrong",
                failure.getMessage());
    }
}
