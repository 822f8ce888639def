package io.acmectl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmectl.crypto.Pem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A misbehaving CA for tests: an HTTPS server on 127.0.0.1 in front of Pebble's ACME port.
 *
 * <p>It terminates TLS with a certificate of its own (acmectl must trust {@link #caBundle()}, and
 * only that: a URL that escaped the proxy would then fail loudly instead of bypassing the faults),
 * and forwards each request to Pebble byte for byte, its Host header included. Pebble builds the URLs
 * of its directory, Location and Link headers from that Host, so they all name the proxy and every
 * later request comes through here too; nothing needs rewriting. One request per connection
 * ({@code Connection: close} both ways), so a fault never leaks into the next request, and a reset
 * is a real TCP reset (the TLS layer sits on a plain socket the proxy can abort).
 *
 * <p>Faults apply per request: {@code proxy.on("/certZ/").always(Fault.stallAfter(100))},
 * {@code proxy.on("/order-plz").first(1, Fault.status(503, "Retry-After", "1"))}. A rule may be
 * limited to the orders of one name ({@link Rule#forName}): the proxy learns which order, finalize
 * and certificate URLs belong to which names from the order objects Pebble sends. Whole-server
 * modes: {@link #down()} (connections refused), {@link #resetConnections()} (reset before TLS),
 * {@link #silent()} (accepts, never answers). Every wait inside is bounded ({@link #HOLD_MILLIS}).
 */
public final class FaultProxy implements AutoCloseable {
    /** The longest the proxy holds a stalled or silent connection (the client gives up long before). */
    static final int HOLD_MILLIS = 120_000;
    private static final int MAX_HEAD = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI pebble;
    private final int port;
    private final Path caBundle;
    private final List<String> selfCheckOptions;
    private final SSLContext serverTls;
    private final SSLContext upstreamTls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> namesByPath = new ConcurrentHashMap<>();
    private final Map<String, byte[]> ordersByFinalizePath = new ConcurrentHashMap<>();
    private final List<RuntimeException> bugs = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;
    private volatile ServerSocket listener;

    private enum Mode { NORMAL, RESET, SILENT }

    /** A request as it arrived: method, path, and when. */
    public record Seen(String method, String path, Instant at) {}

    private FaultProxy(PebbleServer pebble, Path workDir) throws Exception {
        this.selfCheckOptions = pebble.selfCheckOptions();
        this.pebble = pebble.directory();
        TestCertificates.Issued ca = TestCertificates.certificateAuthority();
        TestCertificates.Issued leaf = TestCertificates.localhost(ca);
        this.caBundle = workDir.resolve("fault-proxy-ca.pem");
        Files.writeString(caBundle, Pem.certificate(ca.certificate()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("proxy", leaf.key().getPrivate(), new char[0],
                new java.security.cert.Certificate[] {leaf.certificate(), ca.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(factory.getKeyManagers(), null, null);
        upstreamTls = io.acmectl.acme.TlsTrust.context(pebble.caBundle());
        listener = bind(0);
        port = listener.getLocalPort();
        threads.execute(() -> acceptLoop(listener));
    }

    /** A proxy in front of {@code pebble}; its CA certificate is written into {@code workDir}. */
    public static FaultProxy start(PebbleServer pebble, Path workDir) throws Exception {
        return new FaultProxy(pebble, workDir);
    }

    /** Pebble's directory, through the proxy. */
    public URI directory() {
        return URI.create("https://localhost:" + port + pebble.getPath());
    }

    /** The CA that signed the proxy's TLS certificate: for {@code --ca-bundle}. */
    public Path caBundle() {
        return caBundle;
    }

    /** The global options that point acmectl at the proxy with its own store. */
    public List<String> options(Path configDir) {
        List<String> options = new java.util.ArrayList<>(List.of("--config-dir", configDir.toString(), "--server",
                directory().toString(), "--ca-bundle", caBundle.toString()));
        options.addAll(selfCheckOptions); // the self-check looks where Pebble's validator looks
        return List.copyOf(options);
    }

    /** Starts a rule for the requests whose path contains a match of {@code pathRegex}. */
    public Rule on(String pathRegex) {
        return new Rule(Pattern.compile(pathRegex), null, null);
    }

    /** No more faults (the modes too); what was seen stays. */
    public void heal() throws IOException {
        rules.clear();
        mode = Mode.NORMAL;
        if (listener.isClosed()) {
            listener = bind(port);
            ServerSocket reopened = listener;
            threads.execute(() -> acceptLoop(reopened));
        }
    }

    /** The CA is gone: nothing listens on the proxy's port (connections are refused). */
    public void down() throws IOException {
        listener.close();
        LoopbackPorts.awaitNoListener(port); // refused, not reset by a copy a starting child process holds
    }

    /** Every connection is reset as soon as it is accepted, before the TLS handshake. */
    public void resetConnections() {
        mode = Mode.RESET;
    }

    /** Every connection is accepted and never answered, not even the TLS handshake. */
    public void silent() {
        mode = Mode.SILENT;
    }

    /** Forgets the requests seen so far (those that set a test up, say). */
    public void forgetSeen() {
        seen.clear();
    }

    /** The requests whose path matches, in the order they arrived (since {@link #forgetSeen()}). */
    public List<Seen> seen(String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return seen.stream().filter(s -> pattern.matcher(s.path()).find()).toList();
    }

    /** What went wrong inside the proxy itself (never a fault it was told to make): empty, or a test is void. */
    public List<RuntimeException> bugs() {
        return List.copyOf(bugs);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }

    /** What happens to the requests a rule matches, from the 1st to the {@code last}th one it sees. */
    public final class Rule {
        private final Pattern path;
        private final String name;
        private final String payload;
        private final AtomicInteger matched = new AtomicInteger();
        private int last;
        private Fault fault;

        private Rule(Pattern path, String name, String payload) {
            this.path = path;
            this.name = name;
            this.payload = payload;
        }

        /** Only requests to the order, finalize and certificate URLs of orders that include {@code name}. */
        public Rule forName(String name) {
            return new Rule(path, name, payload);
        }

        /** Only signed requests whose (decoded) JWS payload contains {@code text}, e.g. {@code "replaces"}. */
        public Rule whosePayloadContains(String text) {
            return new Rule(path, name, text);
        }

        public void always(Fault fault) {
            first(Integer.MAX_VALUE, fault);
        }

        public void first(int count, Fault fault) {
            this.last = count;
            this.fault = fault;
            rules.add(this);
        }

        boolean matches(Request request) {
            return path.matcher(request.path()).find()
                    && (name == null || namesByPath.getOrDefault(request.path(), Set.of()).contains(name))
                    && (payload == null || request.payload().contains(payload));
        }

        /** Counts the request; the fault while the rule lasts, else null. */
        Fault take() {
            return matched.incrementAndGet() <= last ? fault : null;
        }
    }

    /** What the proxy does instead of (or to) the CA's answer. */
    public sealed interface Fault {
        /** Forwards, sends the first {@code bytes} of the answer, then resets the connection. */
        static Fault resetAfter(int bytes) {
            return new Cut(bytes, false);
        }

        /** Forwards, sends the first {@code bytes} of the answer, then sends nothing more, connection open. */
        static Fault stallAfter(int bytes) {
            return new Cut(bytes, true);
        }

        /** Not forwarded: the connection is reset without an answer (the request is lost). */
        static Fault drop() {
            return new Lost(false);
        }

        /** Not forwarded: the request is read and never answered, connection open. */
        static Fault noAnswer() {
            return new Lost(true);
        }

        /** Not forwarded: this answer instead; {@code headers} are name, value pairs. */
        static Fault status(int status, String... headers) {
            return new Answer(status, "text/html", "<html><body>CA trouble</body></html>", headers);
        }

        /** Not forwarded: an RFC 7807 problem document of {@code urn:ietf:params:acme:error:<type>}. */
        static Fault problem(int status, String type, String detail, String... headers) {
            return new Answer(status, "application/problem+json", "{\"type\":\"urn:ietf:params:acme:error:" + type
                    + "\",\"detail\":\"" + detail + "\",\"status\":" + status + "}", headers);
        }

        /** Not forwarded: 200 with this body, claiming to be {@code contentType}. */
        static Fault body(String contentType, String body) {
            return new Answer(200, contentType, body, new String[0]);
        }

        /** Not forwarded: 200 "application/json" with {@code bytes} bytes of JSON that never ends. */
        static Fault huge(int bytes) {
            return new Huge(bytes);
        }

        /** Not forwarded: a finalize answered with the order as Pebble last showed it (still ready). */
        static Fault staleOrder() {
            return new StaleOrder();
        }
    }

    private record Cut(int bytes, boolean stall) implements Fault {}

    private record Lost(boolean hold) implements Fault {}

    private record Answer(int status, String contentType, String body, String[] headers) implements Fault {}

    private record Huge(int bytes) implements Fault {}

    private record StaleOrder() implements Fault {}

    private ServerSocket bind(int wanted) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
        return socket;
    }

    private void acceptLoop(ServerSocket from) {
        while (!from.isClosed()) {
            try {
                Socket plain = from.accept();
                open.add(plain);
                threads.execute(() -> serve(plain));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            plain.setSoTimeout(HOLD_MILLIS);
            switch (mode) {
                case RESET -> reset(plain);
                case SILENT -> hold(plain.getInputStream());
                case NORMAL -> exchange(plain);
            }
        } catch (IOException e) {
            // the client went away (it gave up, or was reset on purpose), or the test is over
        } catch (RuntimeException e) {
            bugs.add(e); // the proxy's own: a test must not pass because the proxy broke
        } finally {
            open.remove(plain);
        }
    }

    private void exchange(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) serverTls.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
        tls.setUseClientMode(false);
        InputStream in = tls.getInputStream();
        Request request = Request.read(in);
        if (request == null) {
            return;
        }
        seen.add(new Seen(request.method(), request.path(), Instant.now()));
        Fault fault = null;
        for (Rule rule : rules) {
            if (rule.matches(request)) {
                fault = rule.take();
                if (fault != null) {
                    break;
                }
            }
        }
        OutputStream out = tls.getOutputStream();
        if (fault instanceof Lost lost) {
            if (lost.hold()) {
                hold(in);
            } else {
                reset(plain);
            }
            return;
        }
        byte[] answer = answer(request, fault);
        if (fault instanceof Cut cut) {
            out.write(answer, 0, Math.min(cut.bytes(), answer.length - 1)); // never the whole answer
            out.flush();
            if (cut.stall()) {
                hold(in);
            } else {
                reset(plain);
            }
            return;
        }
        if (fault instanceof Huge huge) {
            writeHuge(out, huge.bytes());
        } else {
            out.write(answer);
        }
        out.flush();
        tls.close();
    }

    /** The bytes of the answer to send: Pebble's (forwarded), or the fault's own. */
    private byte[] answer(Request request, Fault fault) throws IOException {
        if (fault instanceof Answer made) {
            return Response.of(made.status(), made.contentType(), made.body().getBytes(StandardCharsets.UTF_8),
                    made.headers()).bytes();
        }
        if (fault instanceof StaleOrder) {
            byte[] order = ordersByFinalizePath.get(request.path());
            if (order == null) {
                return Response.of(500, "text/plain", "the proxy has seen no order with this finalize URL"
                        .getBytes(StandardCharsets.UTF_8)).bytes();
            }
            return Response.of(200, "application/json", order).bytes();
        }
        if (fault instanceof Huge) {
            return new byte[0];
        }
        Response response = forward(request);
        learn(response);
        return response.bytes();
    }

    /** Pebble's answer; Pebble failing to give one is the proxy's bug to report, not a fault. */
    private Response forward(Request request) {
        try (Socket upstream = upstreamTls.getSocketFactory().createSocket()) {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), pebble.getPort()), 10_000);
            upstream.setSoTimeout(30_000);
            OutputStream out = upstream.getOutputStream();
            out.write(request.asHttp10());
            out.flush();
            return Response.read(upstream.getInputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Pebble did not answer " + request.method() + " "
                    + request.path(), e);
        }
    }

    /** Order objects name their finalize and certificate URLs: note them under the order's names. */
    private void learn(Response response) {
        if (!response.header("Content-Type").startsWith("application/json")) {
            return;
        }
        JsonNode order;
        try {
            order = JSON.readTree(response.body());
        } catch (IOException notJson) {
            return;
        }
        if (order == null || !order.has("identifiers") || !order.has("finalize")) {
            return;
        }
        Set<String> names = ConcurrentHashMap.newKeySet();
        order.get("identifiers").forEach(id -> names.add(id.path("value").asText()));
        List<String> urls = new ArrayList<>(List.of(order.get("finalize").asText(), response.header("Location")));
        if (order.has("certificate")) {
            urls.add(order.get("certificate").asText());
        }
        for (String url : urls) {
            if (!url.isEmpty()) {
                namesByPath.computeIfAbsent(URI.create(url).getPath(), p -> ConcurrentHashMap.newKeySet())
                        .addAll(names);
            }
        }
        ordersByFinalizePath.put(URI.create(order.get("finalize").asText()).getPath(), response.body());
    }

    private static void writeHuge(OutputStream out, int bytes) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes
                + "\r\nConnection: close\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "0,".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        for (int sent = 1; sent < bytes; sent += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
        }
    }

    /** An abortive close: RST, no TLS close_notify, no FIN. */
    private static void reset(Socket plain) throws IOException {
        plain.setSoLinger(true, 0);
        plain.close();
    }

    /** Keeps the connection open, sending nothing, until the client closes it or the proxy stops. */
    private static void hold(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
            // a client that sends more while waiting: read it, send nothing
        }
    }

    /** An HTTP/1.1 request as the client sent it. */
    private record Request(String method, String path, List<String> headers, byte[] body) {
        static Request read(InputStream in) throws IOException {
            String head = readHead(in);
            if (head == null) {
                return null;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            List<String> headers = List.of(lines).subList(1, lines.length);
            int length = headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .map(h -> Integer.parseInt(h.substring(h.indexOf(':') + 1).trim())).findFirst().orElse(0);
            if (headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:"))) {
                throw new IOException("the proxy reads no chunked request bodies");
            }
            return new Request(requestLine[0], requestLine[1], headers, in.readNBytes(length));
        }

        /** The JWS payload of a signed request, decoded; empty for anything else. */
        String payload() {
            try {
                JsonNode jws = JSON.readTree(body);
                return jws == null || !jws.has("payload") ? ""
                        : new String(java.util.Base64.getUrlDecoder().decode(jws.get("payload").asText()),
                                StandardCharsets.UTF_8);
            } catch (IOException | IllegalArgumentException e) {
                return "";
            }
        }

        /** HTTP/1.0 to Pebble: its answer then has no chunks and ends with the connection. */
        byte[] asHttp10() {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
            for (String header : headers) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")
                        && !lower.startsWith("upgrade:") && !lower.startsWith("http2-settings:")) {
                    head.append(header).append("\r\n");
                }
            }
            head.append("Connection: close\r\n\r\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            bytes.writeBytes(body);
            return bytes.toByteArray();
        }
    }

    /** An HTTP response, written back to the client as HTTP/1.1 with a Content-Length. */
    private record Response(int status, String reason, Map<String, List<String>> headers, byte[] body) {
        static Response of(int status, String contentType, byte[] body, String... headers) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            all.put("Content-Type", List.of(contentType));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                all.computeIfAbsent(headers[i], h -> new ArrayList<>()).add(headers[i + 1]);
            }
            return new Response(status, status < 400 ? "OK" : "Trouble", all, body);
        }

        static Response read(InputStream in) throws IOException {
            String head = readHead(in);
            if (head == null) {
                throw new IOException("Pebble closed the connection without an answer");
            }
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), h -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            Response response = new Response(Integer.parseInt(statusLine[1]),
                    statusLine.length > 2 ? statusLine[2] : "", headers, new byte[0]);
            String length = response.header("Content-Length");
            byte[] body = length.isEmpty() ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
            return new Response(response.status(), response.reason(), headers, body);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse("");
        }

        byte[] bytes() {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
            headers.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!Set.of("connection", "content-length", "transfer-encoding", "keep-alive").contains(lower)) {
                    values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
                }
            });
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            bytes.writeBytes(body);
            return bytes.toByteArray();
        }
    }

    /** The header block up to the blank line, or null when the connection ended before any byte. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the header block ended early");
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
            if (head.size() > MAX_HEAD) {
                throw new IOException("a header block over " + MAX_HEAD + " bytes");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }
}
