package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.Pem;
import io.acmectl.testing.PebbleServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * No secret in logs at any verbosity (issue 12): every command of a certificate's life runs as its own
 * process with {@code -vv} (acme4j's HTTP exchanges included), as an admin would run it, also writing a
 * log file, and everything it printed and logged is searched for the EAB MAC key, every private key
 * involved and the signed payloads of the requests (JWS bodies).
 */
@ResourceLock(providers = PebbleServer.HttpPortLock.class)
class SecretsStayOutOfLogsTest {
    private static final String KID = "kid-acmectl";
    private static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().eab(KID, HMAC).build();

    @TempDir
    Path store;

    private final StringBuilder printed = new StringBuilder();

    private int acmectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.acmectl.Main", "-vv", "--log-file",
                store.resolve("acmectl.log").toString()));
        command.addAll(PEBBLE.options(store));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "acmectl did not finish");
        printed.append(new String(output, StandardCharsets.UTF_8));
        return process.exitValue();
    }

    @Test
    void aWholeLifeAtFullVerbosityPrintsNoSecret() throws Exception {
        String port = Integer.toString(PEBBLE.httpPort());
        assertEquals(0, acmectl("register", "--agree-tos", "--eab-kid", KID, "--eab-hmac-key", HMAC), printed::toString);
        assertEquals(0, acmectl("issue", "secret.example.test", "--standalone", "--http-port", port), printed::toString);
        assertEquals(0, acmectl("renew", "--all", "--force"), printed::toString);
        Path newKey = store.resolve("next-account.pem");
        Files.writeString(newKey, Pem.keyPair(io.acmectl.core.KeyType.EC256.generate()));
        Files.setPosixFilePermissions(newKey, PosixFilePermissions.fromString("rw-------"));
        assertEquals(0, acmectl("account", "rollover", "--key", newKey.toString()), printed::toString);
        Path live = store.resolve("live/secret.example.test");
        assertEquals(0, acmectl("revoke", "--cert-path", live.resolve("cert.pem").toString(), "--key-path",
                live.resolve("privkey.pem").toString(), "--yes"), printed::toString);

        String all = printed + Files.readString(store.resolve("acmectl.log"));
        assertTrue(all.contains("DEBUG"), "the runs were verbose: " + all);
        assertTrue(all.contains("POST " + PEBBLE.directory().resolve("/")) && all.contains("JWS Header"),
                "acme4j's HTTP exchanges were logged: " + all);
        assertFalse(all.contains("Payload"), "a signed request's payload was logged");
        // A CA's answer that holds a JWS (Pebble echoes the account's EAB binding) is logged with its parts withheld.
        java.util.regex.Matcher jws = java.util.regex.Pattern.compile("\"(payload|signature)\":\"[^\".]").matcher(all);
        assertFalse(jws.find(), () -> "a JWS body was logged: " + all.substring(Math.max(0, jws.start() - 300),
                Math.min(all.length(), jws.start() + 100)));
        assertFalse(all.contains(HMAC), "the EAB MAC key was printed");
        assertFalse(all.contains(HMAC.substring(0, 16)), "part of the EAB MAC key was printed");
        assertFalse(all.contains("PRIVATE KEY"), "a PEM private key was printed");
        for (Path key : privateKeys()) {
            KeyPair pair = Pem.readKeyPair(Files.readString(key), key.toString());
            String encoded = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            String urlEncoded = Base64.getUrlEncoder().withoutPadding().encodeToString(pair.getPrivate().getEncoded());
            // Any 24 characters of the key's encoding, from its secret tail, would be a leak.
            String tail = encoded.substring(encoded.length() - 32, encoded.length() - 8);
            assertFalse(all.contains(tail) || all.contains(urlEncoded.substring(urlEncoded.length() - 30,
                    urlEncoded.length() - 6)), () -> key + " was printed");
        }
    }

    /** Every private key the store holds or held: account keys (old and new) and the certificate's. */
    private List<Path> privateKeys() throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            List<Path> keys = files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches("account\\.key(\\.old)?|privkey\\d+\\.pem"))
                    .toList();
            assertTrue(keys.size() >= 3, () -> "expected account keys and a certificate key: " + keys);
            return keys;
        }
    }
}
