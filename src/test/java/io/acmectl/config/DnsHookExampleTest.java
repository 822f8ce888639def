package io.acmectl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.BindServer;
import io.acmectl.testing.RequiredTool;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * config-examples/hooks/dns-nsupdate.sh against a real BIND on 127.0.0.1 that takes only TSIG-signed
 * updates for example.test: the hook adds the TXT record, then deletes it, from the environment alone,
 * with a key file as tsig-keygen writes it.
 */
class DnsHookExampleTest {
    private static final Path HOOK = Path.of("config-examples/hooks/dns-nsupdate.sh").toAbsolutePath();
    private static final String RECORD = "_acme-challenge.www.example.test.";

    @RegisterExtension
    static final BindServer BIND = BindServer.builder().zone("example.test").build();

    @TempDir
    Path dir;

    @BeforeAll
    static void nsupdate() {
        RequiredTool.onPath("nsupdate", "the example DNS hook sends its updates with it", "bind9-dnsutils");
    }

    /** The server is the class's: what a test added is gone before the next. */
    @AfterEach
    void removeRecords() throws Exception {
        BIND.delete(RECORD, Type.TXT);
        BIND.delete("evil.example.test.", Type.A);
    }

    private List<Record> lookup(String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", BIND.port()));
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
                "NSUPDATE_SERVER", "127.0.0.1", "NSUPDATE_PORT", Integer.toString(BIND.port()),
                "NSUPDATE_KEYFILE", BindServer.keyFile(dir, BIND.key()).toString()));
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
