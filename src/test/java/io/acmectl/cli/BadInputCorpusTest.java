package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.BadKeys;
import io.acmectl.testing.Cli;
import io.acmectl.testing.PebbleServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every case drives the real command line against a CA nobody listens for,
 * and must end in one error line that names the file, line or value (a usage error adds picocli's
 * "Try '... --help'" hint as a second line), a known exit code, no stack trace, and a store with no
 * account, lineage or certificate written. None reaches a CA, so none needs Pebble.
 */
class BadInputCorpusTest {
    /** Longer than this and an error line was not cut: every echoed value is a short prefix. */
    private static final int MAX_LINE = 300;
    private static final String HINT = "^Try '.*' for more information\\.$";

    @TempDir
    Path dir;

    /** One bad input: what it is, the exit code, words the error line must hold, and the command line. */
    record Case(String name, int exit, List<String> fragments, Function<Fixture, List<String>> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(String name, int exit, String fragment, Function<Fixture, List<String>> args) {
        return new Case(name, exit, List.of(fragment), args);
    }

    private static Case bad(String name, int exit, List<String> fragments, Function<Fixture, List<String>> args) {
        return new Case(name, exit, fragments, args);
    }

    /** {@code issue NAME --webroot DIR}: the name is the fault. */
    private static Case name(String what, String name, String... fragments) {
        return new Case("name: " + what, 2, List.of(fragments),
                f -> f.ca("issue", "--webroot", f.webroot(), "--", name));
    }

    /** {@code issue --all --want FILE} with this want list; WEBROOT stands for an existing folder. */
    private static Case want(String what, String yaml, String... fragments) {
        return new Case("want.yaml: " + what, 2, List.of(fragments),
                f -> f.ca("issue", "--all", "--want", f.want(yaml).toString()));
    }

    /** {@code register --agree-tos --key FILE} with a key file of this kind. */
    private static Case key(String what, String kind, String... fragments) {
        return new Case("register --key: " + what, 2, List.of(fragments),
                f -> f.ca("register", "--agree-tos", "--key", f.key(kind).toString()));
    }

    private static Case option(String what, String fragment, String... args) {
        return new Case("option: " + what, 2, List.of(fragment), f -> f.ca(args));
    }

    static Stream<Case> corpus() {
        return Stream.of(names(), paths(), keys(), wantLists(), options()).flatMap(List::stream);
    }

    private static List<Case> names() {
        return List.of(
                name("empty", "", "invalid domain name ''", "it is empty"),
                name("254 characters", ("a".repeat(62) + ".").repeat(4) + "ab", "longer than 253", "..."),
                name("a 64-character label", "a".repeat(64) + ".example.com", "longer than 63", "..."),
                name("leading hyphen", "-lead.example.com", "'-lead'", "starts with a hyphen"),
                name("trailing hyphen", "trail-.example.com", "'trail-'", "ends with a hyphen"),
                name("underscore", "_acme.example.com", "'_' is not allowed"),
                name("two trailing dots", "a.example.com..", "empty label"),
                name("a lone dot", ".", "it is empty"),
                name("wildcard in the middle", "a.*.example.com", "a wildcard may only stand as the whole first label"),
                name("wildcard inside a label", "foo*.example.com", "a wildcard may only stand"),
                name("wildcard with http-01", "*.example.com", "needs dns-01"),
                name("invalid punycode", "xn--zz.example.test", "'xn--zz'", "not a valid A-label"),
                name("punycode of plain ASCII", "xn--abc-.example.test", "'xn--abc-'", "not a valid A-label"),
                name("a symbol IDNA 2008 disallows", "\u2603.example.com", "'\u2603'", "IDNA 2008"),
                name("reserved hyphens (R-LDH)", "ab--cd.example.com", "'ab--cd'", "reserved"),
                name("shell metacharacter ;", "a;reboot.example.com", "';' is not allowed"),
                name("shell substitution", "$(reboot).example.com", "'$' is not allowed"),
                name("a space", "a b.example.com", "' ' is not allowed"),
                name("embedded newline", "a\nb.example.com", "'a\\nb.example.com'", "control character"),
                name("an IP address with a leading zero", "192.0.2.01", "invalid IP address", "leading zero"),
                name("an IPv6 address with a zone", "fe80::1%eth0", "invalid IP address", "zone"),
                name("a single label", "localhost", "fully qualified"));
    }

    private static List<Case> paths() {
        return List.of(
                bad("path: webroot is a file", 2, "is not a folder",
                        f -> f.ca("issue", "a.example.com", "--webroot", f.file("index.html", "hi").toString())),
                bad("path: --want is a folder", 2, List.of("cannot read want list", "is a directory"),
                        f -> f.ca("issue", "--all", "--want", f.webroot())),
                bad("path: --want /dev/zero", 2, List.of("want list /dev/zero", "not a regular file"),
                        f -> f.ca("issue", "--all", "--want", "/dev/zero")),
                bad("path: --want is a symlink loop", 2, "too many levels of symbolic links",
                        f -> f.ca("issue", "--all", "--want", f.loop().toString())),
                bad("path: --ca-bundle /dev/zero", 2, List.of("--ca-bundle /dev/zero", "not a regular file"),
                        f -> f.ca("--ca-bundle", "/dev/zero", "issue", "a.example.com", "--webroot", f.webroot(),
                                "--agree-tos")),
                bad("path: --ca-bundle is missing", 2, List.of("cannot read --ca-bundle", "no such file"),
                        f -> f.ca("--ca-bundle", f.dir.resolve("missing.pem").toString(), "issue", "a.example.com",
                                "--webroot", f.webroot(), "--agree-tos")),
                bad("path: --key is missing", 2, List.of("cannot read key file", "no such file"),
                        f -> f.ca("register", "--key", f.dir.resolve("missing.pem").toString())),
                bad("path: --key is a folder", 2, List.of("cannot read key file", "is a directory"),
                        f -> f.ca("register", "--key", f.webroot())),
                bad("path: --key /dev/zero", 2, List.of("key file /dev/zero", "not a regular file"),
                        f -> f.ca("register", "--key", "/dev/zero")),
                bad("path: --key is a symlink loop", 2, "too many levels of symbolic links",
                        f -> f.ca("recover", "--key", f.loop().toString())),
                bad("path: --key under a file", 2, "not a directory",
                        f -> f.ca("register", "--key", f.file("plain", "x").resolve("key.pem").toString())),
                bad("path: --config-dir cannot be created", 3, List.of("cannot create the store /proc/acmectl-",
                        "no such file"), f -> f.on(Path.of("/proc/acmectl-" + f.port), "issue",
                        "a.example.com", "--webroot", f.webroot())),
                bad("path: --config-dir is a file", 3, List.of("cannot create the store", "file exists"),
                        f -> f.on(f.file("not-a-folder", "x"), "issue", "a.example.com", "--webroot",
                                f.webroot())));
    }

    private static List<Case> keys() {
        return List.of(
                key("garbage", "garbage", "neither a PEM private key nor a JWK"),
                key("encrypted PKCS#8", "encrypted-pkcs8", "encrypted", "openssl pkey"),
                key("encrypted traditional PEM", "encrypted-traditional", "encrypted", "openssl pkey"),
                key("RSA 1024", "rsa1024", "1024-bit RSA key", "2048"),
                key("secp256k1", "secp256k1", "secp256k1", "P-256 or P-384"),
                key("Ed25519", "ed25519", "Ed25519", "P-256 or P-384"),
                key("a certificate", "certificate", "a certificate, not a private key"),
                key("a public key", "public", "a public key, not a private key"),
                key("a JWK without a private part", "jwk-public", "JWK without a private key"),
                key("readable by others", "world-readable", "readable by other users", "chmod 600"),
                key("2 MiB", "huge", "larger than"),
                bad("recover --key: RSA 1024", 2, "1024-bit RSA key",
                        f -> f.ca("recover", "--key", f.key("rsa1024").toString())),
                bad("revoke --key-path: Ed25519", 2, "Ed25519",
                        f -> f.ca("revoke", "--cert-path", f.key("certificate").toString(), "--key-path",
                                f.key("ed25519").toString(), "--yes")),
                bad("account rollover --key: secp256k1", 2, "secp256k1",
                        f -> f.ca("account", "rollover", "--key", f.key("secp256k1").toString())));
    }

    private static List<Case> wantLists() {
        String aCertificate = "certificates:\n  - name: a\n    domains: [a.example.com]\n";
        String webroot = "defaults:\n  challenge: { webroot: WEBROOT }\n";
        return List.of(
                want("syntax", "certificates:\n  - name: a\n   domains: [a.example.com\n", ":3:", "not valid YAML"),
                want("wrong type", "certificates:\n  - name: a\n    domains: { a: 1 }\n", ":3:14:",
                        "wrong type for 'certificates[0].domains"),
                want("duplicate key", webroot + aCertificate + "    domains: [b.example.com]\n",
                        ":6:5:", "duplicate key 'domains'", "first at 5:5"),
                want("duplicate top-level key", webroot + aCertificate + aCertificate, ":6:1:",
                        "duplicate key 'certificates'"),
                want("a tab in the indentation", "certificates:\n\t- name: a\n", ":2:1:", "tab"),
                want("an alias", "defaults:\n  challenge: { webroot: WEBROOT }\n  hooks: { deploy: &reload "
                        + "[\"echo deploy-ran >> log\"], post: *reload }\n" + aCertificate, ":3:20:",
                        "anchors and aliases", "'&reload'"),
                want("an alias bomb", billionLaughs(), ":1:4:", "anchors and aliases"),
                want("deep nesting", "certificates: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
                        "nested more than"),
                want("a huge file", "# padding\n".repeat(220_000), "larger than 1 MiB"),
                want("a 900 kB scalar", webroot + "certificates:\n  - name: a\n    domains: [" + "a".repeat(900_000)
                        + "]\n", ":5:15:", "invalid domain name", "..."),
                want("not UTF-8", "certificates:\n  - name: caf\u00ff\n", ":2:14:", "not UTF-8", "0xff"),
                want("a key holding a newline", "certificates:\n  - name: a\n    \"dom\\nains\": [a.example.com]\n",
                        ":3:5:", "unknown key 'dom\\nains'"),
                want("a domain holding a newline", webroot + "certificates:\n  - name: a\n"
                        + "    domains: [\"a\\nb.example.com\"]\n", ":5:15:", "'a\\nb.example.com'"),
                want("a webroot that is a symlink loop", "defaults:\n  challenge: { webroot: LOOP }\n" + aCertificate,
                        ":2:25:", "too many levels of symbolic links"),
                want("ca-validation-ports with one port", "ca-validation-ports: 80\n" + webroot + aCertificate, ":1:",
                        "ca-validation-ports '80' is not HTTP,TLS"),
                want("ca-validation-ports with a word", "ca-validation-ports: [5002, http]\n" + webroot + aCertificate,
                        ":1:", "'http' is not a port number"),
                want("self-check-resolver with a bad port", "self-check-resolver: \"127.0.0.1:abc\"\n" + webroot
                        + aCertificate, ":1:", "self-check-resolver '127.0.0.1:abc': port 'abc' is not a number"),
                want("self-check not a boolean", "self-check: maybe\n" + webroot + aCertificate, ":1:",
                        "wrong type for 'self-check'"),
                want("dns-propagation-timeout negative", "dns-propagation-timeout: -1\n" + webroot + aCertificate,
                        ":1:", "dns-propagation-timeout cannot be negative"),
                want("preferred-chain empty", webroot + aCertificate + "    preferred-chain: \"\"\n", ":6:22:",
                        "preferred-chain '' is not an issuer's common name"));
    }

    private static List<Case> options() {
        return List.of(
                option("--ca-validation-ports with one port", "--ca-validation-ports '80' is not HTTP,TLS",
                        "--ca-validation-ports", "80", "issue", "a.example.com", "--standalone"),
                option("--self-check-resolver with a bad port", "--self-check-resolver port 99999 is not between 1 "
                        + "and 65535", "--self-check-resolver", "127.0.0.1:99999", "issue", "a.example.com",
                        "--standalone"),
                option("--self-check-resolver unclosed", "--self-check-resolver '[::1' opens [ without closing it",
                        "--self-check-resolver", "[::1", "issue", "a.example.com", "--standalone"),
                option("--preferred-chain empty", "'' is not an issuer's common name", "issue", "a.example.com",
                        "--standalone", "--preferred-chain", ""),
                option("--http-port 70000", "'70000' is not a port number", "issue", "a.example.com", "--standalone",
                        "--http-port", "70000"),
                option("--http-port 0", "'0' is not a port number", "issue", "a.example.com", "--standalone",
                        "--http-port", "0"),
                option("--http-port -1", "'-1' is not a port number", "issue", "a.example.com", "--standalone",
                        "--http-port", "-1"),
                option("--http-port abc", "'abc' is not a port number", "issue", "a.example.com", "--standalone",
                        "--http-port", "abc"),
                option("issue --parallel 0", "'0' is not a number from 1 to 64", "issue", "--all", "--parallel", "0"),
                option("issue --all --preferred-chain", "takes each certificate's settings", "issue", "--all",
                        "--preferred-chain", "ISRG Root X1"),
                option("issue --all --key-type", "takes each certificate's settings", "issue", "--all",
                        "--key-type", "rsa2048"),
                option("renew --parallel -1", "'-1' is not a number from 1 to 64", "renew", "--all",
                        "--no-random-sleep", "--parallel", "-1"),
                option("issue --parallel 65", "'65' is not a number from 1 to 64", "issue", "--all", "--parallel",
                        "65"),
                option("--key-type dsa", "unknown key type 'dsa'", "issue", "a.example.com", "--standalone",
                        "--key-type", "dsa"),
                option("--reason", "unknown revocation reason 'bored'", "revoke", "--cert-name", "a", "--reason",
                        "bored"),
                option("--eab-hmac-key", "the key is not base64url: '!' at character 1", "register", "--eab-kid",
                        "kid", "--eab-hmac-key", "!!!"),
                option("--email", "'nobody' is not an e-mail address", "register", "--agree-tos", "-m", "nobody"),
                option("--email with a newline", "'a@example.com\\nBcc: x@example.com' is not an e-mail address",
                        "register", "-m", "a@example.com\nBcc: x@example.com"),
                option("issue --cert-name", "invalid certificate name '../etc'", "issue", "a.example.com",
                        "--standalone", "--cert-name", "../etc"),
                option("renew --cert-name", "invalid certificate name 'a b'", "renew", "--cert-name", "a b",
                        "--no-random-sleep"),
                option("--profile empty", "'' is not a profile name", "issue", "a.example.com", "--standalone",
                        "--profile", ""),
                option("--profile with a space", "'a b' is not a profile name", "issue", "a.example.com",
                        "--standalone", "--profile", "a b"),
                bad("option: --server ftp://", 2, "unknown server 'ftp://example.com/dir'",
                        f -> f.on(f.store(), "--server", "ftp://example.com/dir", "issue", "a.example.com",
                                "--webroot", f.webroot())));
    }

    /** Nine levels of nine aliases: a billion strings to a parser that expands them. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [" + String.join(",", Collections.nCopies(9, "\"lol\""))
                + "]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String previous = "*" + (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(String.join(",", Collections.nCopies(9,
                    previous))).append("]\n");
        }
        return yaml.append("certificates: []\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputIsOneLineAndWritesNothing(Case c) throws Exception {
        Fixture fixture = new Fixture(dir);
        Cli.Result result = Cli.run(List.of(), c.args().apply(fixture).toArray(String[]::new));
        assertOneErrorLine(result, c.exit(), c.fragments());
        for (String written : List.of("accounts", "archive", "live", "renewal")) {
            assertFalse(Files.exists(fixture.store().resolve(written)), () -> written + " written: " + result);
        }
    }

    /** An empty want list (examples commented out) is a want list with nothing to do, not an error. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyWantLists")
    void anEmptyWantListHasNothingToDo(String what, String yaml, String command) throws Exception {
        Fixture fixture = new Fixture(dir);
        List<String> args = new ArrayList<>(List.of(command, "--all", "--want", fixture.want(yaml).toString()));
        if (command.equals("renew")) {
            args.add("--no-random-sleep");
        }
        Cli.Result result = Cli.run(fixture.ca(), args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err(), result::toString);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> emptyWantLists() {
        String commented = "# certificates:\n#   - name: example.com\n#     domains: [www.example.com]\n";
        return Stream.of("renew", "issue").flatMap(command -> Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(command + ": certificates: []", "certificates: []\n",
                        command),
                org.junit.jupiter.params.provider.Arguments.of(command + ": certificates: (nothing)",
                        "certificates:\n" + commented, command),
                org.junit.jupiter.params.provider.Arguments.of(command + ": only comments", commented, command)));
    }

    /** One trailing dot is dropped (as lego does): the name is accepted and goes on to the CA. */
    @Test
    void aTrailingDotIsDroppedAndTheNameGoesToTheCa() throws Exception {
        Fixture fixture = new Fixture(dir);
        Cli.Result result = Cli.run(fixture.ca(), "issue", "a.example.com.", "--webroot", fixture.webroot());
        assertOneErrorLine(result, 4, List.of("the CA at https://127.0.0.1:" + fixture.port));
    }

    private static void assertOneErrorLine(Cli.Result result, int exitCode, List<String> fragments) {
        assertEquals(exitCode, result.exitCode(), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
        List<String> lines = result.err().lines().filter(l -> !l.matches(HINT)).toList();
        assertEquals(1, lines.size(), result::toString);
        assertTrue(lines.get(0).startsWith("acmectl: "), result::toString);
        assertTrue(lines.get(0).length() <= MAX_LINE, () -> "line of " + lines.get(0).length() + " characters");
        for (String fragment : fragments) {
            assertTrue(lines.get(0).contains(fragment), () -> "missing '" + fragment + "' in " + result);
        }
    }

    /** The files of one case, made on demand in the test's folder. */
    static final class Fixture {
        final Path dir;
        final int port;

        Fixture(Path dir) throws Exception {
            this.dir = dir;
            this.port = PebbleServer.freePort();
        }

        Path store() {
            return dir.resolve("store");
        }

        /** The global options for a CA nobody listens for, then {@code args}. */
        List<String> ca(String... args) {
            return on(store(), Stream.concat(Stream.of("--server", "https://127.0.0.1:" + port + "/dir"),
                    Stream.of(args)).toArray(String[]::new));
        }

        /** {@code --config-dir configDir}, then {@code args}. */
        List<String> on(Path configDir, String... args) {
            List<String> all = new ArrayList<>(List.of("--config-dir", configDir.toString()));
            all.addAll(List.of(args));
            return all;
        }

        String webroot() {
            try {
                return Files.createDirectories(dir.resolve("www")).toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Path file(String name, String text) {
            try {
                return Files.writeString(dir.resolve(name), text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Path loop() {
            try {
                Path a = dir.resolve("loop-a");
                Files.createSymbolicLink(dir.resolve("loop-b"), a);
                return Files.createSymbolicLink(a, dir.resolve("loop-b"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Path want(String yaml) {
            String text = yaml.replace("WEBROOT", webroot()).replace("LOOP", loop().toString());
            try {
                return Files.write(dir.resolve("want.yaml"), text.getBytes(
                        text.contains("caf\u00ff") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A key file of this kind, private (0600) unless the kind is about its mode. */
        Path key(String kind) {
            try {
                Path file = dir.resolve(kind + ".pem");
                Files.writeString(file, BadKeys.pem(kind));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                        kind.equals("world-readable") ? "rw-r--r--" : "rw-------"));
                return file;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
