package io.acmectl.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A real authoritative DNS server for one zone: BIND's {@code named} on a loopback port of its own,
 * recursion off, taking unsigned updates from 127.0.0.1 (so a test changes its records with
 * {@link #add} and {@link #delete}). For the dns-01 checks that ask authoritative servers directly;
 * several instances serving the same zone stand for a zone's primary and its lagging secondaries.
 */
public final class NamedZone implements AutoCloseable {
    private static final Path NAMED = Path.of("/usr/sbin/named");
    private static final int START_ATTEMPTS = 5;
    private static final int STARTUP_TRIES = 100;

    private final Process process;
    private final int port;
    private final Name zone;
    private final Path log;

    private NamedZone(Process process, int port, Name zone, Path log) {
        this.process = process;
        this.port = port;
        this.zone = zone;
        this.log = log;
    }

    /**
     * Starts named in {@code dir} serving {@code zone} ({@code prop.test}) with these records after its
     * SOA (zone-file lines, relative names allowed: {@code "@ IN NS ns1.prop.test."}).
     */
    public static NamedZone start(Path dir, String zone, List<String> records) throws Exception {
        if (!Files.isExecutable(NAMED)) {
            Assumptions.abort("BIND's named is not installed (apt-get install bind9): no authoritative DNS server");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("zone.db"), "$TTL 5\n@ IN SOA ns1." + zone + ". hostmaster." + zone
                + ". 1 60 60 600 5\n" + String.join("\n", records) + "\n");
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = LoopbackPorts.take(true);
            NamedZone server = launch(dir, zone, port);
            if (server != null) {
                return server;
            }
        }
        return Assertions.fail("named did not start in " + START_ATTEMPTS + " attempts: " + dir.resolve("named.log"));
    }

    private static NamedZone launch(Path dir, String zone, int port) throws Exception {
        Files.writeString(dir.resolve("named.conf"), """
                options {
                    directory "DIR"; pid-file none; session-keyfile none;
                    listen-on port PORT { 127.0.0.1; }; listen-on-v6 { none; };
                    recursion no; dnssec-validation no; notify no;
                };
                zone "ZONE" { type primary; file "DIR/zone.db"; allow-update { 127.0.0.1; }; };
                """.replace("DIR", dir.toString()).replace("PORT", Integer.toString(port)).replace("ZONE", zone));
        Files.deleteIfExists(dir.resolve("zone.db.jnl"));
        Path log = dir.resolve("named.log");
        Process process = new ProcessBuilder(NAMED.toString(), "-g", "-n", "1", "-c", dir.resolve("named.conf").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NamedZone server = new NamedZone(process, port, Name.fromString(zone + "."), log);
        for (int tries = 0; tries < STARTUP_TRIES && process.isAlive(); tries++) {
            if (server.answers()) {
                return server;
            }
            Thread.sleep(100);
        }
        server.close();
        if (Files.readString(log).contains("address in use")) {
            return null;
        }
        return Assertions.fail("named did not answer on 127.0.0.1:" + port + ":\n" + Files.readString(log));
    }

    private boolean answers() {
        try {
            Message answer = resolver().send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
            return answer.getRcode() == Rcode.NOERROR;
        } catch (IOException notYet) {
            return false;
        }
    }

    private SimpleResolver resolver() {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Adds a record ({@code "_acme-challenge.a.prop.test."}, {@code Type.TXT}, {@code "\"value\""}). */
    public void add(String name, int type, String rdata) throws Exception {
        Update update = new Update(zone);
        update.add(Name.fromString(name), type, 5, rdata);
        send(update);
    }

    /** Deletes every record of this type at the name. */
    public void delete(String name, int type) throws Exception {
        Update update = new Update(zone);
        update.delete(Name.fromString(name), type);
        send(update);
    }

    private void send(Update update) throws Exception {
        Message answer = resolver().send(update);
        if (answer.getRcode() != Rcode.NOERROR) {
            Assertions.fail("named refused the update: " + Rcode.string(answer.getRcode()) + "\n" + Files.readString(log));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        LoopbackPorts.release(List.of(port));
    }
}
