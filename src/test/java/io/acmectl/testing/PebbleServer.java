package io.acmectl.testing;

import io.acmectl.crypto.Pem;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Pebble (the ACME test CA) and pebble-challtestsrv (its DNS, resolving every name to
 * 127.0.0.1) on free loopback ports, started once for a test class:
 * {@code @RegisterExtension static final PebbleServer PEBBLE = PebbleServer.builder().build();}
 *
 * <p>The binaries come from {@code $PEBBLE_HOME/usr/bin} (an extracted Debian package) or PATH.
 * Without them the tests are aborted with a message locally, and fail in CI, where .ci/run installs them.
 */
public final class PebbleServer implements BeforeAllCallback, AfterAllCallback {
    private static final int STARTUP_TRIES = 200;

    private final int nonceRejectPercent;
    private final Map<String, String> extraConfig;
    private final boolean ariAndProfiles;

    private Path workDir;
    private Process pebble;
    private Process challtestsrv;
    private int acmePort;
    private int managementPort;
    private int httpPort;
    private HttpClient managementClient;

    private PebbleServer(Builder builder) {
        this.nonceRejectPercent = builder.nonceRejectPercent;
        this.extraConfig = Map.copyOf(builder.extraConfig);
        this.ariAndProfiles = builder.ariAndProfiles;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int nonceRejectPercent = 0;
        private final Map<String, String> extraConfig = new java.util.LinkedHashMap<>();
        private boolean ariAndProfiles;

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

        public PebbleServer build() {
            return new PebbleServer(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> pebbleBinary = binary("pebble", ariAndProfiles);
        Optional<Path> dnsBinary = binary("pebble-challtestsrv", ariAndProfiles);
        if (pebbleBinary.isEmpty() || dnsBinary.isEmpty()) {
            unavailable("pebble and pebble-challtestsrv are not installed (apt-get install pebble, or set "
                    + "PEBBLE_HOME): the end-to-end tests against a real ACME server cannot run");
        }
        workDir = Files.createTempDirectory("acmectl-pebble-");
        TestCertificates.Issued ca = TestCertificates.certificateAuthority();
        TestCertificates.Issued tls = TestCertificates.localhost(ca);
        Files.writeString(workDir.resolve("tls-ca.pem"), Pem.certificate(ca.certificate()));
        Files.writeString(workDir.resolve("tls.pem"), Pem.certificate(tls.certificate()));
        // Go reads PKCS#8 reliably, so not the traditional form Pem.keyPair writes.
        Files.writeString(workDir.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(tls.key().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        int dnsPort = freePort();
        acmePort = freePort();
        managementPort = freePort();
        httpPort = freePort();
        StringBuilder config = new StringBuilder("{\"pebble\":{")
                .append("\"listenAddress\":\"127.0.0.1:").append(acmePort).append("\",")
                .append("\"managementListenAddress\":\"127.0.0.1:").append(managementPort).append("\",")
                .append("\"certificate\":\"").append(workDir.resolve("tls.pem")).append("\",")
                .append("\"privateKey\":\"").append(workDir.resolve("tls.key")).append("\",")
                .append("\"httpPort\":").append(httpPort).append(",")
                .append("\"tlsPort\":").append(freePort()).append(",")
                .append("\"ocspResponderURL\":\"\"");
        if (!extraConfig.containsKey("externalAccountBindingRequired")) {
            config.append(",\"externalAccountBindingRequired\":false");
        }
        extraConfig.forEach((key, value) -> config.append(",\"").append(key).append("\":").append(value));
        config.append("}}");
        Files.writeString(workDir.resolve("pebble.json"), config);

        List<String> dns = new ArrayList<>(List.of(dnsBinary.get().toString()));
        boolean newFlags = helpText(dnsBinary.get()).contains("-dnsserver");
        dns.addAll(List.of(newFlags ? "-dnsserver" : "-dns01", "127.0.0.1:" + dnsPort,
                "-management", "127.0.0.1:" + freePort(), "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""));
        if (newFlags) {
            dns.addAll(List.of("-doh", ""));
        }
        challtestsrv = start(dns, "challtestsrv.log", Map.of());
        pebble = start(List.of(pebbleBinary.get().toString(), "-config", workDir.resolve("pebble.json").toString(),
                        "-dnsserver", "127.0.0.1:" + dnsPort), "pebble.log",
                Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", Integer.toString(nonceRejectPercent)));
        awaitListening(acmePort, pebble, "pebble.log");
        awaitListening(managementPort, pebble, "pebble.log");
        managementClient = HttpClient.newBuilder()
                .sslContext(io.acmectl.acme.TlsTrust.context(caBundle())).build();
        if (ariAndProfiles && !get(directory().toString()).contains("renewalInfo")) {
            afterAll(context);
            unavailable("these tests need a Pebble with ARI and profiles (2.7 or newer), but " + pebbleBinary.get()
                    + " has neither: run dev/newer-pebble.sh or set PEBBLE_HOME");
        }
    }

    /** Loud in every case; a failure in CI (where .ci/run installs Pebble), an abort elsewhere. */
    private static void unavailable(String message) {
        System.err.println("!!! " + message);
        if (System.getenv("CI") != null) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (Process process : new Process[] {pebble, challtestsrv}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    public URI directory() {
        return URI.create("https://localhost:" + acmePort + "/dir");
    }

    /** The CA that signed Pebble's own TLS certificate: for {@code --ca-bundle}. */
    public Path caBundle() {
        return workDir.resolve("tls-ca.pem");
    }

    /** Where Pebble's validator connects for http-01. */
    public int httpPort() {
        return httpPort;
    }

    /** The global options that point acmectl at this Pebble with its own store. */
    public List<String> options(Path configDir) {
        return List.of("--config-dir", configDir.toString(), "--server", directory().toString(),
                "--ca-bundle", caBundle().toString());
    }

    /** The root of the chains Pebble issues (regenerated at every start). */
    public X509Certificate root() throws Exception {
        return Pem.readCertificates(management("/roots/0"), "pebble /roots/0").get(0);
    }

    /** A GET on Pebble's management interface, e.g. {@code /cert-status-by-serial/<hex>}. */
    public String management(String path) throws Exception {
        return get("https://localhost:" + managementPort + path);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = managementClient.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(200, response.statusCode(), () -> url + ": " + response.body());
        return response.body();
    }

    public String log() throws IOException {
        return Files.readString(workDir.resolve("pebble.log"));
    }

    private Process start(List<String> command, String log, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(log).toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private void awaitListening(int port, Process process, String log) throws Exception {
        for (int i = 0; i < STARTUP_TRIES; i++) {
            if (!process.isAlive()) {
                Assertions.fail("pebble exited at start: " + Files.readString(workDir.resolve(log)));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        Assertions.fail("nothing listens on 127.0.0.1:" + port + " after " + STARTUP_TRIES + " tries: "
                + Files.readString(workDir.resolve(log)));
    }

    private static String helpText(Path binary) throws Exception {
        Process help = new ProcessBuilder(binary.toString(), "-h").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes());
        help.waitFor(5, TimeUnit.SECONDS);
        return text;
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

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
