package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.crypto.Pem;
import io.acmectl.testing.Cli;
import io.acmectl.testing.Metadata;
import io.acmectl.testing.PebbleServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * dns-01 through certbot-style hooks, end to end: the hook script (a test resource) puts the TXT
 * record into pebble-challtestsrv, the DNS server Pebble's validator asks, through its management
 * API, and takes it out again. challtestsrv answers no SOA or NS query (NOTIMP), so these runs skip
 * the propagation check ({@code --dns-propagation-timeout 0}); CNAMEs are looked up through it
 * ({@code --dns-resolver}). The propagation check itself is tested against a real authoritative server.
 */
class Dns01HookEndToEndTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path store;

    private Cli.Result acmectl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args[0].equals("issue")) {
            all.add("--agree-tos");
        }
        all.addAll(List.of("--dns-resolver", "127.0.0.1:" + PEBBLE.dnsPort(),
                "--dns-propagation-timeout", "0"));
        return Cli.run(PEBBLE.options(store), all.toArray(String[]::new));
    }

    /** {@code sh challtestsrv-hook.sh URL MODE LOG}: the command a user would give. */
    private String hook(String mode) throws Exception {
        Path script = Path.of(getClass().getResource("/dns/challtestsrv-hook.sh").toURI());
        return "sh " + script + " " + PEBBLE.challtestsrvUrl() + " " + mode + " " + log();
    }

    private Path log() {
        return store.resolve("hook.log");
    }

    private List<String> hookRuns() throws Exception {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    /** What challtestsrv answers for TXT at this name now. */
    private Set<String> txt(String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", PEBBLE.dnsPort()));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.IN)));
        Set<String> values = new TreeSet<>();
        answer.getSection(Section.ANSWER).stream().filter(TXTRecord.class::isInstance)
                .forEach(r -> values.add(String.join("", ((TXTRecord) r).getStrings())));
        return values;
    }

    private X509Certificate leaf(String name) throws Exception {
        return Pem.readCertificates(Files.readString(store.resolve("live/" + name + "/cert.pem")), "cert").get(0);
    }

    private static Set<String> dnsNames(X509Certificate leaf) throws Exception {
        Set<String> names = new TreeSet<>();
        leaf.getSubjectAlternativeNames().forEach(san -> names.add((String) san.get(1)));
        return names;
    }

    @Test
    void aHookPublishesTheRecordTheCaValidatesAndTheCleanupHookRemovesIt() throws Exception {
        String name = "hook1.dns.example.test";
        Cli.Result result = acmectl("issue", name, "--dns-hook", hook("set"), "--dns-cleanup-hook", hook("clear"));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(Set.of(name), dnsNames(leaf(name)));
        List<String> runs = hookRuns();
        assertEquals(2, runs.size(), runs::toString);
        assertTrue(runs.get(0).startsWith("set name=_acme-challenge." + name + ". value="), runs::toString);
        assertTrue(runs.get(0).contains(" domain=" + name + " remaining=0 all=" + name + " "), runs::toString);
        String value = runs.get(0).replaceAll(".* value=(\\S+) .*", "$1");
        assertEquals(43, value.length(), runs::toString); // base64url of a SHA-256 digest
        // the cleanup hook removes what was added, and hears what the auth hook said (certbot's CERTBOT_AUTH_OUTPUT)
        assertTrue(runs.get(1).startsWith("clear name=_acme-challenge." + name + ". value=" + value), runs::toString);
        assertTrue(runs.get(1).endsWith("auth_output=added _acme-challenge." + name + "."), runs::toString);
        assertEquals(Set.of(), txt("_acme-challenge." + name + "."));
        // the publisher is kept: a renewal proves control the same way
        assertEquals("dns-01", Metadata.of(store, name).at("/settings/challenge/type").asText());
        assertEquals(hook("set"), Metadata.of(store, name).at("/settings/challenge/dns/hook").asText());
        Cli.Result renewed = acmectl("renew", "--cert-name", name, "--force", "--no-random-sleep");
        assertEquals(0, renewed.exitCode(), renewed::toString);
        assertTrue(renewed.out().contains("renewed 1"), renewed::toString);
    }

    @Test
    void aWildcardAndItsBaseNameNeedTwoValuesOnOneNameAtOnce() throws Exception {
        String base = "wild.dns.example.test";
        Cli.Result result = acmectl("issue", "*." + base, base, "--dns-hook", hook("set"), "--dns-cleanup-hook",
                hook("clear"));
        assertEquals(0, result.exitCode(), result::toString);
        List<Path> lineages;
        try (var live = Files.list(store.resolve("live"))) {
            lineages = live.toList();
        }
        assertEquals(1, lineages.size(), lineages::toString);
        assertEquals(Set.of("*." + base, base), dnsNames(leaf(lineages.get(0).getFileName().toString())));
        List<String> sets = hookRuns().stream().filter(line -> line.startsWith("set ")).toList();
        assertEquals(2, sets.size(), hookRuns()::toString);
        for (String set : sets) {
            assertTrue(set.contains("name=_acme-challenge." + base + ". "), sets::toString);
            assertTrue(set.contains(" domain=" + base + " "), sets::toString);
            assertTrue(set.contains(" all=" + base + "," + base + " "), sets::toString);
        }
        assertTrue(sets.get(0).contains(" remaining=1 ") && sets.get(1).contains(" remaining=0 "), sets::toString);
        assertEquals(2, hookRuns().stream().filter(line -> line.startsWith("clear ")).count(), hookRuns()::toString);
        assertEquals(Set.of(), txt("_acme-challenge." + base + "."));
    }

    @Test
    void aRecordBehindACnameGoesWhereTheCnamePoints() throws Exception {
        String name = "cname.dns.example.test";
        String target = "cname-dns-example-test.acme-delegation.test.";
        PEBBLE.challtestsrv("/set-cname", "{\"host\":\"_acme-challenge." + name + ".\",\"target\":\"" + target + "\"}");
        try {
            Cli.Result result = acmectl("issue", name, "--dns-hook", hook("set"), "--dns-cleanup-hook", hook("clear"));
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(hookRuns().get(0).startsWith("set name=" + target + " "), hookRuns()::toString);
            assertTrue(hookRuns().get(1).startsWith("clear name=" + target + " "), hookRuns()::toString);
            assertEquals(Set.of(), txt(target));
        } finally {
            PEBBLE.challtestsrv("/clear-cname", "{\"host\":\"_acme-challenge." + name + ".\"}");
        }
    }

    @Test
    void aFailingHookIsOneLineNamingTheHookAndTheDomainAndTheCleanupStillRuns() throws Exception {
        String name = "fails.dns.example.test";
        Cli.Result result = acmectl("issue", name, "--dns-hook", hook("fail"), "--dns-cleanup-hook", hook("clear"));
        assertEquals(5, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("DNS hook 'sh "), result::toString);
        assertTrue(result.err().contains("for " + name + " exited with 3: the DNS provider refused the API token"),
                result::toString);
        assertEquals(List.of("fail", "clear"), hookRuns().stream().map(line -> line.split(" ")[0]).toList());
        assertTrue(Files.notExists(store.resolve("live/" + name)));
    }

    @Test
    void aHookThatHangsIsStoppedAtItsTimeoutAndTheCleanupStillRuns() throws Exception {
        String name = "hangs.dns.example.test";
        Cli.Result result = acmectl("issue", name, "--dns-hook", hook("hang"), "--dns-hook-timeout", "2",
                "--dns-cleanup-hook", hook("clear"));
        assertEquals(5, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("for " + name + " did not finish within 2 s"), result::toString);
        assertEquals(List.of("hang", "clear"), hookRuns().stream().map(line -> line.split(" ")[0]).toList());
        assertEquals(Set.of(), txt("_acme-challenge." + name + "."));
    }

    @Test
    void aWantListCertificateAnswersByDnsHooks() throws Exception {
        Path want = store.resolve("want.yaml");
        Files.writeString(want, """
                defaults:
                  agree-tos: true
                certificates:
                  - name: dns-wanted
                    domains: ["*.wanted.dns.example.test", wanted.dns.example.test]
                    challenge: { dns: { hook: 'SET', cleanup-hook: 'CLEAR', hook-timeout: 30 } }
                """.replace("SET", hook("set")).replace("CLEAR", hook("clear")));
        Cli.Result result = Cli.run(PEBBLE.options(store), "--want", want.toString(), "issue", "--all",
                "--dns-resolver", "127.0.0.1:" + PEBBLE.dnsPort(), "--dns-propagation-timeout", "0");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("issued 1"), result::toString);
        assertEquals(4, hookRuns().size(), hookRuns()::toString);
        assertEquals(30, Metadata.of(store, "dns-wanted").at("/settings/challenge/dns/hook-timeout").asInt());
    }

    @Test
    void aWildcardWithHttp01IsRefusedBeforeTheCaIsAsked() {
        Cli.Result result = acmectl("issue", "*.refused.dns.example.test", "--standalone", "--http-port",
                Integer.toString(PebbleServer.freePort()));
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("needs dns-01"), result::toString);
    }

    @Test
    void anIpAddressWithDns01IsRefusedBeforeTheCaIsAsked() throws Exception {
        Cli.Result result = acmectl("issue", "192.0.2.10", "--dns-hook", hook("set"));
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
        assertTrue(result.err().contains("cannot be proven by dns-01"), result::toString);
        assertEquals(List.of(), hookRuns());
    }
}
