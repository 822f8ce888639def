package io.acmectl.challenge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.acmectl.AcmectlException;
import io.acmectl.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shredzone.acme4j.Identifier;

/**
 * http-01 with acmectl's own HTTP listener, for hosts with no web server on port 80 (or one that
 * is stopped for the moment). It answers only {@code /.well-known/acme-challenge/TOKEN}.
 */
public final class StandaloneHttpSolver extends Http01Solver {
    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final HttpServer server;

    /** Binds the port now, so a port in use fails before an order is placed. */
    public StandaloneHttpSolver(String address, int port) {
        InetSocketAddress socket = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        if (socket.isUnresolved()) {
            throw new AcmectlException(ExitCode.USAGE, "cannot resolve --http-address " + address);
        }
        try {
            server = HttpServer.create(socket, 16);
        } catch (BindException e) {
            throw new AcmectlException(ExitCode.CHALLENGE_SETUP, "cannot listen on " + describe(address, port)
                    + " for http-01: " + e.getMessage() + " (is a web server running there? use --webroot)");
        } catch (IOException e) {
            throw new AcmectlException(ExitCode.CHALLENGE_SETUP, "cannot listen on " + describe(address, port)
                    + " for http-01: " + e.getMessage());
        }
        server.createContext("/", this::answer);
        server.start();
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
        server.stop(0);
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

    private static String describe(String address, int port) {
        return (address == null ? "*" : address) + ":" + port;
    }
}
