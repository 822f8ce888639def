package io.acmectl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A real authoritative DNS server, BIND 9's {@code named}, on a loopback port for the test class that
 * registers it: {@code @RegisterExtension @Order(1) static final BindServer BIND =
 * BindServer.builder().zone("example.test", "* A 127.0.0.1").build();}. Started before the class's
 * tests, stopped after them, in a temporary folder of its own.
 *
 * <p>Every zone has an SOA, {@code NS ns1.ZONE.} and {@code ns1.ZONE. A 127.0.0.1}, plus the records
 * given in zone-file syntax (relative names are in the zone). Each zone takes dynamic updates (RFC
 * 2136) signed by any of the TSIG keys this server generates at start, one per algorithm acmectl
 * accepts ({@link #key(String)}); a zone built with {@link Builder#unsignedUpdates} also takes unsigned
 * ones from 127.0.0.1. A test changes records itself with {@link #add} and {@link #delete}.
 *
 * <p>It also stands for the CA's recursive resolver: asked with recursion desired, it follows a CNAME
 * into another of its zones (an authoritative-only server answers the CNAME alone, which Pebble's
 * validator does not follow). Every other name is NXDOMAIN from a root zone of its own, so no query
 * leaves the machine. Built {@link Builder#authoritativeOnly()}, it is a zone's name server instead:
 * no recursion, no root zone, REFUSED for names outside its zones.
 *
 * <p>Each BindServer is one named: two of them built with the same zone stand for a zone's primary and
 * a secondary that lags (a record added to one only).
 *
 * <p>To let Pebble look records up here, declare this before the Pebble ({@code @Order}) and build the
 * Pebble with {@code dnsServer(BIND::port)}.
 *
 * <p>{@code named} comes from PATH or /usr/sbin (Debian's {@code bind9}); without it the tests are
 * aborted with a message locally, and fail in CI ({@link RequiredTool}).
 */
public final class BindServer implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BindServer.class);
    private static final List<String> ALGORITHMS =
            List.of("hmac-sha256", "hmac-sha1", "hmac-sha224", "hmac-sha384", "hmac-sha512", "hmac-md5");

    private final Settings settings;
    private volatile Instance instance;

    /** What named.conf and the zone files say. */
    record Settings(Map<String, List<String>> zones, Set<String> unsignedUpdates, boolean recursive) {}

    /** A TSIG key the server accepts for updates of every zone: {@code secret} is base64. */
    public record Key(String name, String algorithm, String secret) {
        @Override
        public String toString() {
            return name + " (" + algorithm + ")"; // the secret stays out of test reports
        }
    }

    private BindServer(Builder builder) {
        this.settings = new Settings(Map.copyOf(builder.zones), Set.copyOf(builder.unsignedUpdates), builder.recursive);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, List<String>> zones = new LinkedHashMap<>();
        private final Set<String> unsignedUpdates = new java.util.HashSet<>();
        private boolean recursive = true;

        /** A zone (no trailing dot) with records beyond its SOA and ns1, e.g. {@code "* A 127.0.0.1"}. */
        public Builder zone(String name, String... records) {
            zones.put(name, List.of(records));
            return this;
        }

        /**
         * The zone, declared before, also takes unsigned updates from 127.0.0.1 (a test's nsupdate hook
         * without a key). Not for a zone whose test checks that updates are signed.
         */
        public Builder unsignedUpdates(String zone) {
            if (!zones.containsKey(zone)) {
                throw new IllegalArgumentException("no zone " + zone + " declared before; there are " + zones.keySet());
            }
            unsignedUpdates.add(zone);
            return this;
        }

        /** A name server of its zones only: no recursion, no root zone; names elsewhere are REFUSED. */
        public Builder authoritativeOnly() {
            recursive = false;
            return this;
        }

        public BindServer build() {
            if (zones.isEmpty()) {
                throw new IllegalStateException("a BindServer needs a zone");
            }
            return new BindServer(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        instance = context.getStore(NAMESPACE).getOrComputeIfAbsent(this, k -> Instance.startOrThrow(settings),
                Instance.class);
    }

    private Instance running() {
        Instance running = instance;
        if (running == null) {
            throw new IllegalStateException("BIND is not started: register the BindServer with @RegisterExtension on "
                    + "a static field, before (@Order) any extension that needs its port");
        }
        return running;
    }

    /** Where named answers, on 127.0.0.1, UDP and TCP. */
    public int port() {
        return running().port;
    }

    /** {@code 127.0.0.1:PORT}, as acmectl's options take it. */
    public String address() {
        return LoopbackPorts.LOOPBACK.getHostAddress() + ":" + port();
    }

    /** The hmac-sha256 key. */
    public Key key() {
        return key("hmac-sha256");
    }

    public Key key(String algorithm) {
        Key key = running().keys.get(algorithm);
        if (key == null) {
            throw new IllegalArgumentException("no key for " + algorithm + "; there are " + ALGORITHMS);
        }
        return key;
    }

    /** Writes a key's secret, alone, to a new owner-only file in {@code dir}. */
    public static Path secretFile(Path dir, Key key) throws IOException {
        return ownerOnlyFile(dir, key.secret() + "\n");
    }

    /** Writes a key as {@code tsig-keygen} does (a BIND {@code key} clause, for nsupdate -k) to a new owner-only file. */
    public static Path keyFile(Path dir, Key key) throws IOException {
        return ownerOnlyFile(dir, "key \"" + key.name() + "\" {\n\talgorithm " + key.algorithm() + ";\n\tsecret \""
                + key.secret() + "\";\n};\n");
    }

    private static Path ownerOnlyFile(Path dir, String text) throws IOException {
        Path file = Files.createTempFile(dir, "tsig-", ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
        return file;
    }

    /** The TXT values at {@code name} (absolute), asked of this server directly; each record's strings joined. */
    public List<String> txt(String name) throws IOException {
        Message answer = query(name, Type.TXT);
        List<String> values = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt && record.getName().equals(Name.fromString(name))) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    /** A query to this server over TCP; the answer, whatever its rcode. */
    public Message query(String name, int type) throws IOException {
        return resolver().send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    /**
     * Adds a record by a dynamic update signed with {@link #key()}, failing the test if named refuses:
     * {@code add("_acme-challenge.a.example.test.", Type.TXT, "\"value\"")}.
     */
    public void add(String name, int type, String rdata) throws IOException {
        Name owner = Name.fromString(name);
        Update update = new Update(zoneOf(owner));
        update.add(owner, type, 60, rdata);
        send(update);
    }

    /** Deletes every record of this type at the absolute name, by a signed update. */
    public void delete(String name, int type) throws IOException {
        Name owner = Name.fromString(name);
        Update update = new Update(zoneOf(owner));
        update.delete(owner, type);
        send(update);
    }

    private Name zoneOf(Name owner) throws IOException {
        Name zone = null;
        for (String candidate : settings.zones().keySet()) {
            Name name = Name.fromString(candidate + ".");
            if (owner.subdomain(name) && (zone == null || name.labels() > zone.labels())) {
                zone = name;
            }
        }
        if (zone == null) {
            throw new IllegalArgumentException(owner + " is in none of the zones " + settings.zones().keySet());
        }
        return zone;
    }

    private void send(Update update) throws IOException {
        SimpleResolver resolver = resolver();
        Key key = key();
        resolver.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, Name.fromString(key.name()), key.secret()));
        Message answer = resolver.send(update);
        if (answer.getRcode() != Rcode.NOERROR) {
            Assertions.fail("named refused the update: " + Rcode.string(answer.getRcode()) + "\n" + log());
        }
    }

    private SimpleResolver resolver() {
        SimpleResolver resolver = new SimpleResolver(new java.net.InetSocketAddress(LoopbackPorts.LOOPBACK, port()));
        resolver.setTCP(true);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    /** named's output so far (it logs every update it applies or refuses). */
    public String log() {
        try {
            return Files.readString(running().workDir.resolve("named.log"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One running named; closed (stopped) by the JUnit store that holds it. */
    static final class Instance implements AutoCloseable {
        private static final int START_ATTEMPTS = 5;
        private static final int STARTUP_TRIES = 200;
        private static final Set<Instance> RUNNING = ConcurrentHashMap.newKeySet();
        private static final SecureRandom RANDOM = new SecureRandom();

        static {
            // Should the run end without closing the store (killed fork, System.exit), no named outlives it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Instance::stop), "named-stop"));
        }

        private final Path workDir;
        private final Map<String, Key> keys;
        private int port;
        private Process named;
        /** The one instance that started, not a failed attempt on a port taken: removes the folder when closed. */
        private boolean ownsWorkDir;

        private Instance(Path workDir, Map<String, Key> keys) {
            this.workDir = workDir;
            this.keys = keys;
        }

        static Instance startOrThrow(Settings settings) {
            try {
                return start(settings);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("named did not start: " + e, e);
            }
        }

        private static Instance start(Settings settings) throws Exception {
            Path binary = RequiredTool.onPath("named", "the DNS tests need a real DNS server", "bind9");
            Map<String, List<String>> zones = settings.zones();
            Path workDir = Files.createTempDirectory("acmectl-bind-");
            Map<String, Key> keys = new LinkedHashMap<>();
            for (String algorithm : ALGORITHMS) {
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                keys.put(algorithm, new Key("acmectl-" + algorithm + ".", algorithm,
                        Base64.getEncoder().encodeToString(secret)));
            }
            Files.writeString(workDir.resolve("root.zone"), "$TTL 60\n"
                    + "@ IN SOA a.root-servers.invalid. hostmaster.invalid. 1 3600 600 86400 60\n"
                    + "@ IN NS a.root-servers.invalid.\na.root-servers.invalid. IN A 127.0.0.1\n");
            for (Map.Entry<String, List<String>> zone : zones.entrySet()) {
                Files.writeString(workDir.resolve(zone.getKey() + ".zone"), zoneFile(zone.getKey(), zone.getValue()));
            }
            // Debian's bind9 brings an AppArmor profile for /usr/sbin/named that confines it to /etc/bind,
            // /var/cache/bind...: where AppArmor is on, it could not read this folder. A copy of the
            // binary elsewhere is not confined.
            Path copy = Files.copy(binary, workDir.resolve("named"));
            for (int attempt = 1; ; attempt++) {
                Instance candidate = new Instance(workDir, keys);
                try {
                    candidate.launch(copy, settings);
                    candidate.ownsWorkDir = true;
                    return candidate;
                } catch (PortTaken taken) {
                    candidate.close();
                    System.err.println("named: " + taken.getMessage() + " (attempt " + attempt + " of "
                            + START_ATTEMPTS + ")");
                    if (attempt == START_ATTEMPTS) {
                        Assertions.fail("named did not start in " + START_ATTEMPTS + " attempts, each on a new port: "
                                + taken.getMessage());
                    }
                } catch (Exception | Error e) {
                    candidate.close();
                    throw e;
                }
            }
        }

        private static String zoneFile(String zone, List<String> records) {
            StringBuilder text = new StringBuilder("$ORIGIN ").append(zone).append(".\n$TTL 60\n")
                    .append("@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n")
                    .append("@ IN NS ns1\n")
                    .append("ns1 IN A 127.0.0.1\n");
            records.forEach(record -> text.append(record).append('\n'));
            return text.toString();
        }

        /**
         * Run as root in a sandbox, named needs no user switch; it keeps every file in the work folder
         * and opens nothing it does not need: no pid file, no session key (written for nsupdate -l),
         * no rndc control channel, no IPv6, one worker thread.
         */
        private String config(Settings settings) {
            StringBuilder conf = new StringBuilder("options {\n")
                    .append("  directory \"").append(workDir).append("\";\n")
                    .append("  managed-keys-directory \"").append(workDir).append("\";\n")
                    .append("  pid-file none;\n  session-keyfile none;\n")
                    .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                    .append("  listen-on-v6 { none; };\n")
                    .append(settings.recursive() ? "  recursion yes;\n  allow-recursion { 127.0.0.1; };\n"
                            : "  recursion no;\n")
                    .append("  dnssec-validation no;\n  notify no;\n};\ncontrols { };\n");
            if (settings.recursive()) {
                conf.append("zone \".\" { type primary; file \"root.zone\"; };\n");
            }
            StringBuilder allowed = new StringBuilder();
            for (Key key : keys.values()) {
                conf.append("key \"").append(key.name()).append("\" { algorithm ").append(key.algorithm())
                        .append("; secret \"").append(key.secret()).append("\"; };\n");
                allowed.append("key \"").append(key.name()).append("\"; ");
            }
            for (String zone : settings.zones().keySet()) {
                String unsigned = settings.unsignedUpdates().contains(zone) ? "127.0.0.1; " : "";
                conf.append("zone \"").append(zone).append("\" { type primary; file \"").append(zone)
                        .append(".zone\"; allow-update { ").append(allowed).append(unsigned).append("}; };\n");
            }
            return conf.toString();
        }

        private void launch(Path binary, Settings settings) throws Exception {
            Set<String> zones = settings.zones().keySet();
            RUNNING.add(this);
            port = LoopbackPorts.take(true);
            Path conf = workDir.resolve("named.conf");
            Files.writeString(conf, config(settings));
            for (String zone : zones) {
                Files.deleteIfExists(workDir.resolve(zone + ".zone.jnl")); // a journal of a failed attempt
            }
            named = new ProcessBuilder(binary.toString(), "-g", "-4", "-n", "1", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("named.log").toFile()).start();
            String firstZone = zones.iterator().next();
            for (int i = 0; i < STARTUP_TRIES; i++) {
                String output = Files.readString(workDir.resolve("named.log"));
                // named binds with SO_REUSEPORT: only a port held by a process without it is refused
                if (output.contains("unable to listen") || output.contains("address in use")) {
                    throw new PortTaken("port " + port + ": " + output.lines().filter(l -> l.contains("unable to listen")
                            || l.contains("in use")).findFirst().orElse(""));
                }
                if (!named.isAlive()) {
                    Assertions.fail("named exited at start: " + output);
                }
                if (output.contains("running") && answersSoa(firstZone)) {
                    return;
                }
                Thread.sleep(50);
            }
            Assertions.fail("named not answering after " + STARTUP_TRIES + " tries: "
                    + Files.readString(workDir.resolve("named.log")));
        }

        private boolean answersSoa(String zone) {
            try {
                SimpleResolver resolver =
                        new SimpleResolver(new java.net.InetSocketAddress(LoopbackPorts.LOOPBACK, port));
                resolver.setTimeout(Duration.ofMillis(500));
                Message answer = resolver.send(Message.newQuery(
                        Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN)));
                return answer.getRcode() == Rcode.NOERROR && !answer.getSection(Section.ANSWER).isEmpty();
            } catch (IOException notYet) {
                return false;
            }
        }

        private void stop() {
            ServerProcesses.stop(named);
        }

        @Override
        public void close() {
            stop();
            RUNNING.remove(this);
            if (port != 0) {
                LoopbackPorts.release(List.of(port));
            }
            if (ownsWorkDir) {
                try (Stream<Path> files = Files.walk(workDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException e) {
                    System.err.println("named: could not remove " + workDir + ": " + e);
                }
            }
        }
    }

    /** The port was taken by someone else between handing it out and binding it. */
    private static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message);
        }
    }

    /** The TSIG algorithms named has a key for, which are those acmectl accepts. */
    public static List<String> algorithms() {
        return ALGORITHMS;
    }
}
