package io.acmectl.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.testing.PebbleServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Ctrl-C in the middle of dns-01: acmectl, a process of its own, is stopped by SIGINT while its DNS
 * hook runs (the record is already in pebble-challtestsrv); its shutdown hook still runs the cleanup
 * hook, and the record is gone.
 */
class DnsCleanupOnInterruptTest {
    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build();

    @TempDir
    Path work;

    @Test
    void aRunStoppedWithCtrlCStillRemovesTheRecordItAdded() throws Exception {
        String name = "ctrl-c.dns.example.test";
        Path script = Path.of(getClass().getResource("/dns/challtestsrv-hook.sh").toURI());
        Path log = work.resolve("hook.log");
        String hook = "sh " + script + " " + PEBBLE.challtestsrvUrl() + " ";
        ChildRun child = new ChildRun(PEBBLE.options(work.resolve("store")), work);
        ChildRun.Result result = child.interruptedOnce(Path.of(log + ".hanging"), "issue", name, "--agree-tos",
                "--dns-hook", hook + "hang " + log, "--dns-hook-timeout", "120",
                "--dns-cleanup-hook", hook + "clear " + log,
                "--dns-resolver", "127.0.0.1:" + PEBBLE.dnsPort(), "--dns-propagation-timeout", "0");
        assertTrue(result.exitCode() != 0, result::toString);
        List<String> runs = Files.readAllLines(log);
        assertEquals(List.of("hang", "clear"), runs.stream().map(line -> line.split(" ")[0]).toList(), result::toString);
        assertTrue(runs.get(1).startsWith("clear name=_acme-challenge." + name + ". "), runs::toString);
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", PEBBLE.dnsPort()));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(
                Name.fromString("_acme-challenge." + name + "."), Type.TXT, DClass.IN)));
        assertEquals(List.of(), answer.getSection(Section.ANSWER), result::toString);
    }
}
