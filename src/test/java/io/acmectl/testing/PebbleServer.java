package io.acmectl.testing;

import io.acmectl.crypto.Pem;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A real Pebble (the ACME test CA) and pebble-challtestsrv (its DNS, resolving every name to
 * 127.0.0.1) on loopback ports, for the test classes that register it:
 * {@code @RegisterExtension static final PebbleServer PEBBLE = PebbleServer.builder().build();}
 *
 * <p><b>Shared.</b> All classes whose builders say the same (nonce rejection, ARI and profiles, EAB,
 * extra config) use one Pebble per JVM (per test run, or per Surefire fork): started by the first of
 * them, stopped when the test run ends. So these classes see each other's accounts, orders and
 * certificates at the CA, and {@link #log()} holds all their lines. {@link Builder#dedicated()} gives a
 * class a Pebble of its own, started before and stopped after it.
 *
 * <p><b>The http-01 port.</b> Pebble's validator connects to the one {@link #httpPort()} of its Pebble
 * for every http-01 challenge. Two classes that listen there at the same time would collide (the
 * second cannot bind; the validator may ask the wrong one), and a class that expects nobody to
 * answer there would be answered. So a class has a shared Pebble's http-01 port to itself from its
 * first {@link #httpPort()} until its last test is done, and another class asking meanwhile waits.
 * Better, a class that uses the port says so:
 * {@code @ResourceLock(providers = PebbleServer.HttpPortLock.class)}. JUnit then runs no two such
 * classes of the same Pebble side by side (it runs others instead of blocking a thread), and the
 * port is the class's from its start (for tests that count on nobody answering there). Classes that
 * never use the port (accounts only) run alongside either way. A class that keeps the port long
 * (minutes of renewals, child processes) holds up the others of its Pebble: make it {@code dedicated()}.
 *
 * <p><b>Ports.</b> From {@link LoopbackPorts}: unique in this JVM, free when handed out; if another
 * process takes one before Pebble or challtestsrv binds it, both are started again on new ports.
 *
 * <p>The binaries come from {@code $PEBBLE_HOME/usr/bin} (an extracted Debian package) or PATH.
 * Without them the tests are aborted with a message locally, and fail in CI, where .ci/run installs them.
 */
public final class PebbleServer implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PebbleServer.class);
    private static final String HTTP_PORT_LOCK = "io.acmectl.testing.PebbleServer http-01 port of ";

    private final Config config;
    private final boolean dedicated;

    private volatile Instance instance;
    /** The context of the class that registers this (not of its @Nested classes): its store ends the lease. */
    private volatile ExtensionContext home;
    private HttpPortLease lease; // guarded by this

    /** What decides whether two classes can share a Pebble: equal configs share. */
    record Config(int nonceRejectPercent, boolean ariAndProfiles, Map<String, String> extraConfig,
            Map<String, String> env, java.util.function.IntSupplier dnsServer) {
        Config {
            extraConfig = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(extraConfig));
            env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
        }

        @Override
        public String toString() {
            return "nonce rejection " + nonceRejectPercent + "%" + (ariAndProfiles ? ", ARI and profiles" : "")
                    + (extraConfig.isEmpty() ? "" : ", " + extraConfig) + (env.isEmpty() ? "" : ", env " + env)
                    + (dnsServer == null ? "" : ", a DNS server of the test's own");
        }
    }

    private PebbleServer(Builder builder) {
        this.config = new Config(builder.nonceRejectPercent, builder.ariAndProfiles, builder.extraConfig, builder.env,
                builder.dnsServer);
        this.dedicated = builder.dedicated;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int nonceRejectPercent = 0;
        private final Map<String, String> extraConfig = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean ariAndProfiles;
        private boolean dedicated;
        private java.util.function.IntSupplier dnsServer;

        /**
         * A Pebble with ARI and the profiles {@code default} (90 days) and {@code shortlived} (6 days):
         * Debian 12's 2.4.0 has neither, so this takes the newer build from {@code $PEBBLE_HOME} or
         * {@code .cache/pebble} (dev/newer-pebble.sh fetches it).
         */
        public Builder ariAndProfiles() {
            ariAndProfiles = true;
            return config("profiles", "{\"default\":{\"description\":\"90 days\",\"validityPeriod\":7776000},"
                    + "\"shortlived\":{\"description\":\"6 days\",\"validityPeriod\":518400}}");
        }

        /** Pebble's default is 5%: keep it in some tests so badNonce retries stay exercised. */
        public Builder nonceRejectPercent(int percent) {
            this.nonceRejectPercent = percent;
            return this;
        }

        /** Requires External Account Binding, with one MAC key (base64url) under this key id. */
        public Builder eab(String keyId, String hmacKey) {
            extraConfig.put("externalAccountBindingRequired", "true");
            extraConfig.put("externalAccountMACKeys", "{\"" + keyId + "\":\"" + hmacKey + "\"}");
            return this;
        }

        /** A raw JSON value for a key of pebble's config, e.g. {@code "profiles"}. */
        public Builder config(String key, String jsonValue) {
            extraConfig.put(key, jsonValue);
            return this;
        }

        /** An environment variable for Pebble, e.g. {@code PEBBLE_ALTERNATE_ROOTS}. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /**
         * A Pebble for this class alone, started before its tests and stopped after them: for a class
         * that must see only its own traffic (counts Pebble's log lines, say), or whose long use of the
         * http-01 port should not hold up the other classes of a shared Pebble (see the class comment).
         */
        public Builder dedicated() {
            this.dedicated = true;
            return this;
        }

        /**
         * Pebble looks names up at this port of 127.0.0.1 (a {@link BindServer} of the test, say:
         * {@code dnsServer(BIND::port)}) instead of pebble-challtestsrv's, which still runs
         * ({@link #dnsPort()}). Asked when Pebble starts, so the server must start first (declare it
         * before, with {@code @Order}). Such a Pebble is {@link #dedicated()}: the server is the class's.
         */
        public Builder dnsServer(java.util.function.IntSupplier port) {
            this.dnsServer = port;
            this.dedicated = true;
            return this;
        }

        public PebbleServer build() {
            return new PebbleServer(this);
        }
    }

    /**
     * The lock on the http-01 port of the shared Pebbles a test class registers:
     * {@code @ResourceLock(providers = PebbleServer.HttpPortLock.class)}. JUnit then runs no two classes
     * holding it for the same Pebble at once; the class has the port from its start.
     */
    public static final class HttpPortLock implements ResourceLocksProvider {
        @Override
        public Set<Lock> provideForClass(Class<?> testClass) {
            Set<Lock> locks = new HashSet<>();
            for (PebbleServer server : declaredIn(testClass)) {
                if (!server.dedicated) {
                    locks.add(new Lock(HTTP_PORT_LOCK + server.config));
                }
            }
            return locks;
        }

        private static List<PebbleServer> declaredIn(Class<?> testClass) {
            List<PebbleServer> servers = new ArrayList<>();
            for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == PebbleServer.class) {
                        try {
                            field.setAccessible(true);
                            PebbleServer server = (PebbleServer) field.get(null);
                            if (server != null) {
                                servers.add(server);
                            }
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException("cannot read " + field, e);
                        }
                    }
                }
            }
            return servers;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        // Shared: in the store of the whole run, closed at its end. Dedicated: in the class's own store,
        // closed after the class (a @Nested class finds its outer class's Pebble there too).
        ExtensionContext.Store store = dedicated ? context.getStore(NAMESPACE) : context.getRoot().getStore(NAMESPACE);
        Object key = dedicated ? this : config;
        Instance started = store.getOrComputeIfAbsent(key, k -> Instance.startOrThrow(config), Instance.class);
        ExtensionContext outer = home;
        if (outer == null || !encloses(outer.getRequiredTestClass(), type)) {
            home = context;
        }
        instance = started;
        if (!dedicated && declaresHttpPortLock(type)) {
            leaseHttpPort();
        }
    }

    private static boolean encloses(Class<?> outer, Class<?> type) {
        for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            if (c == outer) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresHttpPortLock(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            for (ResourceLock lock : AnnotationSupport.findRepeatableAnnotations(c, ResourceLock.class)) {
                if (Arrays.asList(lock.providers()).contains(HttpPortLock.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The shared Pebble's http-01 port for this class alone, until the class is done. */
    private synchronized void leaseHttpPort() {
        if (lease == null) {
            Instance running = running();
            ExtensionContext context = home;
            String who = context.getRequiredTestClass().getName();
            lease = running.leaseHttpPort(who, this);
            context.getStore(NAMESPACE).put(lease, lease); // closed, so released, when the class is done
        }
    }

    private synchronized void leaseEnded(HttpPortLease ended) {
        if (lease == ended) {
            lease = null;
        }
    }

    /** A class's hold on a shared Pebble's http-01 port; closing it (JUnit does, after the class) frees it. */
    private static final class HttpPortLease implements AutoCloseable {
        private final Instance instance;
        private final PebbleServer server;

        HttpPortLease(Instance instance, PebbleServer server) {
            this.instance = instance;
            this.server = server;
        }

        @Override
        public void close() {
            server.leaseEnded(this);
            instance.releaseHttpPort();
        }
    }

    private Instance running() {
        Instance running = instance;
        if (running == null) {
            throw new IllegalStateException("Pebble is not started: register the PebbleServer with "
                    + "@RegisterExtension on a static field, and use it in tests (not in static initialisers)");
        }
        return running;
    }

    public URI directory() {
        return running().directory();
    }

    /** The CA that signed Pebble's own TLS certificate: for {@code --ca-bundle}. */
    public Path caBundle() {
        return running().caBundle();
    }

    /**
     * Where Pebble's validator connects for http-01. A shared Pebble's is the calling class's from now
     * until its tests are done; this waits while another class has it. See the class comment.
     */
    public int httpPort() {
        if (!dedicated) {
            leaseHttpPort();
        }
        return running().httpPort;
    }

    /**
     * The global options that point acmectl at this Pebble with its own store, with the self-check
     * looking where Pebble's validator looks: its http and tls ports, names resolved by its DNS server.
     * (The http port is named, not leased: a class that never binds it need not wait for it.)
     */
    public List<String> options(Path configDir) {
        List<String> options = new ArrayList<>(List.of("--config-dir", configDir.toString(), "--server",
                directory().toString(), "--ca-bundle", caBundle().toString()));
        options.addAll(selfCheckOptions());
        return List.copyOf(options);
    }

    /** The global options that make acmectl's self-check look where this Pebble's validator looks. */
    public List<String> selfCheckOptions() {
        return List.of("--ca-validation-ports", running().httpPort + "," + tlsPort(),
                "--self-check-resolver", "127.0.0.1:" + dnsPort());
    }

    /** Where Pebble's validator connects for tls-alpn-01: the {@code tlsPort} a test configured, else its own. */
    public int tlsPort() {
        String configured = config.extraConfig().get("tlsPort");
        return configured != null ? Integer.parseInt(configured.trim()) : running().tlsPort;
    }

    /** The root of the chains Pebble issues (regenerated at every start of a Pebble). */
    public X509Certificate root() throws Exception {
        return Pem.readCertificates(management("/roots/0"), "pebble /roots/0").get(0);
    }

    /** A GET on Pebble's management interface, e.g. {@code /cert-status-by-serial/<hex>}. */
    public String management(String path) throws Exception {
        return running().get("https://localhost:" + running().managementPort + path);
    }

    /** Where pebble-challtestsrv answers DNS (UDP and TCP), which is also the DNS server Pebble asks. */
    public int dnsPort() {
        return running().dnsPort;
    }

    /**
     * A POST to pebble-challtestsrv's management API (plain HTTP), e.g. {@code /set-txt} with
     * {@code {"host":"_acme-challenge.a.example.test.","value":"..."}} or {@code /clear-txt}.
     */
    public String challtestsrv(String path, String json) throws Exception {
        return running().post("http://127.0.0.1:" + running().dnsManagementPort + path, json);
    }

    /** pebble-challtestsrv's management API ({@code http://127.0.0.1:PORT}), for a hook script to call. */
    public String challtestsrvUrl() {
        return "http://127.0.0.1:" + running().dnsManagementPort;
    }

    /**
     * Pebble's output so far. A shared Pebble's holds the lines of every class using it: look only for
     * your own names, or make the Pebble {@link Builder#dedicated()}.
     */
    public String log() throws IOException {
        return Files.readString(running().workDir.resolve("pebble.log"));
    }

    /** {@link LoopbackPorts#freePort()}: for a CA where nothing listens, or a listener of the test's own. */
    public static int freePort() {
        return LoopbackPorts.freePort();
    }

    /** Loud in every case; a failure in CI (where .ci/run installs Pebble), an abort elsewhere. */
    private static void unavailable(String message) {
        RequiredTool.unavailable(message);
    }

    /** The newer build ($PEBBLE_HOME, .cache/pebble) first when asked for, else the system's first. */
    static Optional<Path> binary(String name, boolean newer) {
        List<Path> newBuilds = new ArrayList<>();
        String home = System.getenv("PEBBLE_HOME");
        if (home != null && !home.isBlank()) {
            newBuilds.add(Path.of(home, "usr", "bin", name));
            newBuilds.add(Path.of(home, "bin", name));
        }
        newBuilds.add(Path.of(".cache", "pebble", "usr", "bin", name).toAbsolutePath());
        List<Path> onPath = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .forEach(dir -> onPath.add(Path.of(dir, name)));
        List<Path> candidates = new ArrayList<>(newer ? newBuilds : onPath);
        candidates.addAll(newer ? onPath : newBuilds);
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** One running Pebble and its DNS; closed (stopped) by the JUnit store that holds it. */
    static final class Instance implements AutoCloseable {
        private static final int START_ATTEMPTS = 5;
        private static final int STARTUP_TRIES = 200;
        private static final Duration HTTP_PORT_WAIT = Duration.ofMinutes(10);
        private static final Set<Instance> RUNNING = ConcurrentHashMap.newKeySet();
        private static final Map<Path, Boolean> NEW_DNS_FLAGS = new ConcurrentHashMap<>();

        static {
            // Should the run end without closing the store (killed fork, System.exit), no Pebble outlives it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Instance::stop), "pebble-stop"));
        }

        private final Path workDir;
        private final HttpClient client;
        private final List<Integer> ports = new ArrayList<>();
        private final Semaphore httpPortFree = new Semaphore(1);
        private volatile String httpPortHolder;
        private Process pebble;
        private Process challtestsrv;
        private int acmePort;
        private int dnsPort;
        private int dnsManagementPort;
        private int managementPort;
        private int httpPort;
        private int tlsPort;

        private Instance(Path workDir, HttpClient client) {
            this.workDir = workDir;
            this.client = client;
        }

        /** For the store's compute function: what JUnit must see (aborts, failures) passes unchanged. */
        static Instance startOrThrow(Config config) {
            try {
                return start(config);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Pebble (" + config + ") did not start: " + e, e);
            }
        }

        private static Instance start(Config config) throws Exception {
            Optional<Path> pebbleBinary = binary("pebble", config.ariAndProfiles());
            Optional<Path> dnsBinary = binary("pebble-challtestsrv", config.ariAndProfiles());
            if (pebbleBinary.isEmpty() || dnsBinary.isEmpty()) {
                unavailable("pebble and pebble-challtestsrv are not installed (apt-get install pebble, or set "
                        + "PEBBLE_HOME): the end-to-end tests against a real ACME server cannot run");
            }
            Path workDir = Files.createTempDirectory("acmectl-pebble-");
            TestCertificates.Issued ca = TestCertificates.certificateAuthority();
            TestCertificates.Issued tls = TestCertificates.localhost(ca);
            Files.writeString(workDir.resolve("tls-ca.pem"), Pem.certificate(ca.certificate()));
            Files.writeString(workDir.resolve("tls.pem"), Pem.certificate(tls.certificate()));
            // Go reads PKCS#8 reliably, so not the traditional form Pem.keyPair writes.
            Files.writeString(workDir.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(tls.key().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            // Trusts only this Pebble's TLS CA: an answer proves the listener is ours, not another process's.
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                    .sslContext(io.acmectl.acme.TlsTrust.context(workDir.resolve("tls-ca.pem"))).build();

            Instance instance = null;
            for (int attempt = 1; instance == null; attempt++) {
                Instance candidate = new Instance(workDir, client);
                try {
                    candidate.launch(config, pebbleBinary.get(), dnsBinary.get());
                    instance = candidate;
                } catch (PortTaken taken) {
                    candidate.close();
                    System.err.println("pebble: " + taken.getMessage() + " (attempt " + attempt + " of "
                            + START_ATTEMPTS + ")");
                    if (attempt == START_ATTEMPTS) {
                        Assertions.fail("Pebble (" + config + ") did not start in " + START_ATTEMPTS
                                + " attempts, each on new ports: " + taken.getMessage());
                    }
                } catch (Exception | Error e) {
                    candidate.close();
                    throw e;
                }
            }
            if (config.ariAndProfiles() && !instance.get(instance.directory().toString()).contains("renewalInfo")) {
                instance.close();
                unavailable("these tests need a Pebble with ARI and profiles (2.7 or newer), but " + pebbleBinary.get()
                        + " has neither: run dev/newer-pebble.sh or set PEBBLE_HOME");
            }
            return instance;
        }

        private int port(boolean udpToo) {
            int port = LoopbackPorts.take(udpToo);
            ports.add(port);
            return port;
        }

        private void launch(Config config, Path pebbleBinary, Path dnsBinary) throws Exception {
            RUNNING.add(this);
            dnsPort = port(true);
            dnsManagementPort = port(false);
            acmePort = port(false);
            managementPort = port(false);
            httpPort = port(false);
            tlsPort = port(false);
            StringBuilder json = new StringBuilder("{\"pebble\":{")
                    .append("\"listenAddress\":\"127.0.0.1:").append(acmePort).append("\",")
                    .append("\"managementListenAddress\":\"127.0.0.1:").append(managementPort).append("\",")
                    .append("\"certificate\":\"").append(workDir.resolve("tls.pem")).append("\",")
                    .append("\"privateKey\":\"").append(workDir.resolve("tls.key")).append("\",")
                    .append("\"httpPort\":").append(httpPort).append(",")
                    .append("\"tlsPort\":").append(tlsPort).append(",")
                    .append("\"ocspResponderURL\":\"\"");
            if (!config.extraConfig().containsKey("externalAccountBindingRequired")) {
                json.append(",\"externalAccountBindingRequired\":false");
            }
            config.extraConfig().forEach((key, value) -> json.append(",\"").append(key).append("\":").append(value));
            json.append("}}");
            Files.writeString(workDir.resolve("pebble.json"), json);

            List<String> dns = new ArrayList<>(List.of(dnsBinary.toString()));
            boolean newFlags = NEW_DNS_FLAGS.computeIfAbsent(dnsBinary, b -> helpText(b).contains("-dnsserver"));
            dns.addAll(List.of(newFlags ? "-dnsserver" : "-dns01", "127.0.0.1:" + dnsPort,
                    "-management", "127.0.0.1:" + dnsManagementPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                    "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""));
            if (newFlags) {
                dns.addAll(List.of("-doh", ""));
            }
            challtestsrv = start(dns, "challtestsrv.log", Map.of());
            pebble = start(List.of(pebbleBinary.toString(), "-config", workDir.resolve("pebble.json").toString(),
                            "-dnsserver", "127.0.0.1:" + (config.dnsServer() == null ? dnsPort
                                    : config.dnsServer().getAsInt())), "pebble.log",
                    pebbleEnv(config));
            await("pebble-challtestsrv DNS on 127.0.0.1:" + dnsPort, challtestsrv, "challtestsrv.log",
                    () -> listening(dnsPort));
            await("pebble-challtestsrv management on 127.0.0.1:" + dnsManagementPort, challtestsrv,
                    "challtestsrv.log", () -> listening(dnsManagementPort));
            await("pebble's ACME directory on 127.0.0.1:" + acmePort, pebble, "pebble.log",
                    () -> answers(directory().toString()));
            await("pebble's management on 127.0.0.1:" + managementPort, pebble, "pebble.log",
                    () -> answers("https://localhost:" + managementPort + "/roots/0"));
            // Both might have lost a port just after the checks above found something listening on it.
            await("pebble-challtestsrv", challtestsrv, "challtestsrv.log", () -> true);
            await("pebble", pebble, "pebble.log", () -> true);
        }

        URI directory() {
            return URI.create("https://localhost:" + acmePort + "/dir");
        }

        private static Map<String, String> pebbleEnv(Config config) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("PEBBLE_VA_NOSLEEP", "1",
                    "PEBBLE_WFE_NONCEREJECT", Integer.toString(config.nonceRejectPercent())));
            env.putAll(config.env());
            return env;
        }

        /** Waits (bounded) while another class has the http-01 port; lets the JUnit pool make up the thread. */
        HttpPortLease leaseHttpPort(String who, PebbleServer server) {
            if (!httpPortFree.tryAcquire()) {
                System.err.println("pebble: " + who + " waits for http-01 port " + httpPort + ", which "
                        + httpPortHolder + " has (@ResourceLock(providers = PebbleServer.HttpPortLock.class) on "
                        + "both lets JUnit run something else meanwhile; dedicated() gives a class its own Pebble)");
                PortWait wait = new PortWait();
                try {
                    ForkJoinPool.managedBlock(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(who + ": interrupted waiting for http-01 port " + httpPort, e);
                }
                if (!wait.acquired) {
                    Assertions.fail(who + ": http-01 port " + httpPort + " still taken by " + httpPortHolder
                            + " after " + HTTP_PORT_WAIT.toMinutes() + " minutes");
                }
            }
            httpPortHolder = who;
            return new HttpPortLease(this, server);
        }

        void releaseHttpPort() {
            httpPortHolder = null;
            httpPortFree.release();
        }

        private final class PortWait implements ForkJoinPool.ManagedBlocker {
            private boolean acquired;

            @Override
            public boolean block() throws InterruptedException {
                acquired = acquired || httpPortFree.tryAcquire(HTTP_PORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            }

            @Override
            public boolean isReleasable() {
                acquired = acquired || httpPortFree.tryAcquire();
                return acquired;
            }
        }

        Path caBundle() {
            return workDir.resolve("tls-ca.pem");
        }

        String post(String url, String json) throws Exception {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Assertions.assertEquals(200, response.statusCode(), () -> url + ": " + response.body());
            return response.body();
        }

        String get(String url) throws Exception {
            HttpResponse<String> response = client.send(request(url), HttpResponse.BodyHandlers.ofString());
            Assertions.assertEquals(200, response.statusCode(), () -> url + ": " + response.body());
            return response.body();
        }

        private static HttpRequest request(String url) {
            return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        }

        private boolean answers(String url) throws InterruptedException {
            try {
                return client.send(request(url), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }

        private static boolean listening(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LoopbackPorts.LOOPBACK, port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }

        private interface Check {
            boolean ready() throws Exception;
        }

        /**
         * Until ready, while the process lives. A port someone else took first is {@link PortTaken}, to
         * start again on new ones: Pebble exits then, pebble-challtestsrv only says so and runs on.
         */
        private void await(String what, Process process, String log, Check check) throws Exception {
            for (int i = 0; i < STARTUP_TRIES; i++) {
                boolean alive = process.isAlive();
                String output = Files.readString(workDir.resolve(log));
                Optional<String> inUse = output.lines().filter(l -> l.contains("address already in use")).findFirst();
                if (inUse.isPresent()) {
                    throw new PortTaken(what + ": " + inUse.get());
                }
                if (!alive) {
                    Assertions.fail(what + ": exited at start: " + output);
                }
                if (check.ready()) {
                    return;
                }
                Thread.sleep(50);
            }
            Assertions.fail(what + ": not there after " + STARTUP_TRIES + " tries: "
                    + Files.readString(workDir.resolve(log)));
        }

        private Process start(List<String> command, String log, Map<String, String> env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve(log).toFile());
            builder.environment().putAll(env);
            return builder.start();
        }

        private static String helpText(Path binary) {
            try {
                Process help = new ProcessBuilder(binary.toString(), "-h").redirectErrorStream(true).start();
                String text = new String(help.getInputStream().readAllBytes());
                help.waitFor(5, TimeUnit.SECONDS);
                return text;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void stop() {
            ServerProcesses.stop(pebble, challtestsrv);
        }

        @Override
        public void close() {
            stop();
            RUNNING.remove(this);
            LoopbackPorts.release(ports);
        }
    }

    /** A port was taken by someone else between handing it out and binding it. */
    private static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message);
        }
    }
}
