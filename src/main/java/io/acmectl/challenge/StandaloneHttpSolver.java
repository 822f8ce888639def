package io.acmectl.challenge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * http-01 with acmectl's own HTTP listener, for hosts with no web server on port 80 (or one that
 * is stopped for the moment). It answers only {@code GET /.well-known/acme-challenge/TOKEN}.
 * One listener serves every certificate of a run that answers through its port.
 */
public final class StandaloneHttpSolver extends Http01Solver {
    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HttpServer server;

    /** Binds the port now ({@code address} null means every address), so a port in use fails before an order. */
    public StandaloneHttpSolver(String address, int port) {
        this(socket(address, port), address, port);
    }

    private StandaloneHttpSolver(InetSocketAddress socket, String address, int port) {
        try {
            server = HttpServer.create(socket, 16);
        } catch (BindException e) {
            throw new Failure.ChallengeSetup("cannot listen on " + describe(address, port) + " for http-01: "
                    + e.getMessage() + " (is a web server running there? use a webroot instead)", e);
        } catch (IOException e) {
            throw new Failure.ChallengeSetup("cannot listen on " + describe(address, port) + " for http-01: "
                    + e.getMessage(), e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * The registry's way in: the address is checked first (a typo is the user's to fix, not worth
     * waiting for a port over), then the port is locked against sibling runs, then bound.
     */
    static StandaloneHttpSolver open(ChallengeSpec.Standalone spec, HostLocks locks) {
        InetSocketAddress socket = socket(spec.address(), spec.port());
        locks.lockPort(spec.address(), spec.port());
        return new StandaloneHttpSolver(socket, spec.address(), spec.port());
    }

    @Override
    void publish(Identifier identifier, String token, String keyAuthorization) {
        answers.put(token, keyAuthorization.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    void withdraw(String token) {
        answers.remove(token);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.startsWith(PREFIX) ? answers.get(path.substring(PREFIX.length())) : null;
            if (body == null || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The address is the user's (command line or want list), so the message names its value. */
    private static InetSocketAddress socket(String address, int port) {
        InetSocketAddress socket = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        if (socket.isUnresolved()) {
            throw new Failure.BadInput("cannot resolve the http-01 listener address '" + address + "'");
        }
        return socket;
    }

    private static String describe(String address, int port) {
        return (address == null ? "*" : address) + ":" + port;
    }
}
