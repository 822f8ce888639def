package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.acmectl.testing.LoopbackPorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * config-examples/hooks/dns-nsupdate.sh against a real BIND on 127.0.0.1 that takes TSIG-signed
 * updates for example.test: the hook adds the TXT record, then deletes it, from the environment alone.
 */
class DnsHookExampleTest {
    private static final Path HOOK = Path.of("config-examples/hooks/dns-nsupdate.sh").toAbsolutePath();
    private static final String RECORD = "_acme-challenge.www.example.test.";

    @TempDir
    Path dir;

    private Process named;
    private int port;

    @BeforeEach
    void startBind() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/named")) && Files.isExecutable(Path.of("/usr/bin/nsupdate")),
                "needs bind9 and bind9-dnsutils (nsupdate)");
        port = LoopbackPorts.freePort();
        Process keygen = new ProcessBuilder("tsig-keygen", "-a", "hmac-sha256", "acmectl").start();
        Files.write(dir.resolve("tsig.key"), keygen.getInputStream().readAllBytes());
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0, "tsig-keygen failed");
        Files.writeString(dir.resolve("example.test.zone"), """
                $TTL 60
                @   IN SOA ns.example.test. hostmaster.example.test. 1 60 60 600 60
                @   IN NS  ns.example.test.
                ns  IN A   127.0.0.1
                """);
        Files.writeString(dir.resolve("named.conf"), """
                options {
                    directory "DIR"; pid-file "DIR/named.pid"; session-keyfile "DIR/session.key";
                    listen-on port PORT { 127.0.0.1; }; listen-on-v6 { none; };
                    recursion no; dnssec-validation no;
                };
                controls { };
                include "DIR/tsig.key";
                zone "example.test" { type primary; file "DIR/example.test.zone"; allow-update { key "acmectl"; }; };
                """.replace("DIR", dir.toString()).replace("PORT", Integer.toString(port)));
        named = new ProcessBuilder("/usr/sbin/named", "-g", "-c", dir.resolve("named.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
        for (int i = 0; i < 100 && lookup("example.test.", Type.SOA).isEmpty(); i++) {
            assertTrue(named.isAlive(), () -> "named ended: " + log());
            Thread.sleep(100);
        }
        assertEquals(1, lookup("example.test.", Type.SOA).size(), () -> "named does not answer: " + log());
    }

    @AfterEach
    void stopBind() throws Exception {
        if (named != null) {
            named.destroy();
            if (!named.waitFor(10, TimeUnit.SECONDS)) {
                named.destroyForcibly();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("named.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private List<Record> lookup(String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        resolver.setTimeout(Duration.ofSeconds(2));
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] records = lookup.run();
        return records == null ? List.of() : List.of(records);
    }

    private Process hook(String step, String validation) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", HOOK + " " + step).redirectErrorStream(true);
        builder.environment().putAll(Map.of("CERTBOT_DOMAIN", "www.example.test", "CERTBOT_VALIDATION", validation,
                "NSUPDATE_SERVER", "127.0.0.1", "NSUPDATE_PORT", Integer.toString(port),
                "NSUPDATE_KEYFILE", dir.resolve("tsig.key").toString()));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the hook did not finish");
        return process;
    }

    private static String output(Process process) throws Exception {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theHookAddsTheTxtRecordAndDeletesItAgain() throws Exception {
        String token = "gfj9Xq-Rp_0aB1c2D3e4F5g6H7i8J9k0LmNoPqRsTuV";
        Process add = hook("add", token);
        assertEquals(0, add.exitValue(), output(add));
        List<Record> txt = lookup(RECORD, Type.TXT);
        assertEquals(1, txt.size(), txt::toString);
        assertEquals(List.of(token), ((TXTRecord) txt.get(0)).getStrings());

        Process delete = hook("delete", token);
        assertEquals(0, delete.exitValue(), output(delete));
        assertEquals(List.of(), lookup(RECORD, Type.TXT));
    }

    @Test
    void aValueThatCouldBecomeAnNsupdateCommandIsRefused() throws Exception {
        Process add = hook("add", "x\"\nupdate add evil.example.test. 60 IN A 192.0.2.1\nsend\n");
        String said = output(add);
        assertEquals(1, add.exitValue(), said);
        assertTrue(said.contains("dns-nsupdate: refusing TXT value"), said);
        assertEquals(List.of(), lookup("evil.example.test.", Type.A));
        assertEquals(List.of(), lookup(RECORD, Type.TXT));
    }
}
