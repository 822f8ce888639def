package io.acmectl.challenge.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.acmectl.core.HostPort;
import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import io.acmectl.testing.LoopbackPorts;
import io.acmectl.testing.PebbleServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The http-01 self-check against a real HTTP server on loopback: names resolved by
 * pebble-challtestsrv's DNS (every name is 127.0.0.1 there), the Host header, redirects and their
 * bound, trailing white space, and what each failure says.
 */
class HttpAnswerCheckTest {
    private static final String KEY_AUTHORIZATION = "tok-EN_1.thumbprint";
    private static final String PATH = "/.well-known/acme-challenge/tok-EN_1";

    @RegisterExtension
    static final PebbleServer PEBBLE = PebbleServer.builder().build(); // for its DNS server only

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, String> hosts = new ConcurrentHashMap<>();
    private HttpServer server;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        port = LoopbackPorts.freePort();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hosts.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
            if (redirects.containsKey(path)) {
                exchange.getResponseHeaders().add("Location", redirects.get(path));
                exchange.sendResponseHeaders(302, -1);
            } else if (bodies.containsKey(path)) {
                byte[] body = bodies.get(path).getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Optional<Mismatch> check(String name) {
        PreflightChecks checks = PreflightChecks.DEFAULT.withCaValidationPorts(port, 443)
                .withSelfCheckResolver(new HostPort("127.0.0.1", PEBBLE.dnsPort()));
        Identifier identifier = name.matches("[0-9.]+") ? Identifier.ip(name) : Identifier.dns(name);
        return new HttpAnswerCheck(checks).check(identifier, "tok-EN_1", KEY_AUTHORIZATION);
    }

    @Test
    void theAnswerServedUnderTheNameWithTrailingWhiteSpacePasses() {
        bodies.put(PATH, KEY_AUTHORIZATION + " \r\n");
        assertEquals(Optional.empty(), check("a.example.test"));
        assertEquals("a.example.test:" + port, hosts.get(PATH));
    }

    @Test
    void anIpIdentifierIsFetchedAtItsAddress() {
        bodies.put(PATH, KEY_AUTHORIZATION);
        assertEquals(Optional.empty(), check("127.0.0.1"));
        assertEquals("127.0.0.1:" + port, hosts.get(PATH));
    }

    @Test
    void aMissingAnswerSaysWhatWasFetchedAndTheStatus() {
        Mismatch mismatch = check("b.example.test").orElseThrow();
        assertEquals("http://b.example.test:" + port + PATH, mismatch.fetched());
        assertEquals("404", mismatch.got());
    }

    @Test
    void anotherAnswerIsShownCut() {
        bodies.put(PATH, "x".repeat(500));
        Mismatch mismatch = check("c.example.test").orElseThrow();
        assertTrue(mismatch.got().startsWith("200 with another answer, 'xxx"), mismatch::got);
        assertTrue(mismatch.got().length() < 120, mismatch::got);
    }

    @Test
    void aRedirectIsFollowedWithTheHostItNames() {
        redirects.put(PATH, "http://other.example.test:" + port + "/moved");
        bodies.put("/moved", KEY_AUTHORIZATION);
        assertEquals(Optional.empty(), check("d.example.test"));
        assertEquals("other.example.test:" + port, hosts.get("/moved"));
    }

    @Test
    void redirectsAreFollowedNoFurtherThanAValidatorFollowsThem() {
        redirects.put(PATH, "/loop/0");
        for (int i = 0; i < 20; i++) {
            redirects.put("/loop/" + i, "/loop/" + (i + 1));
        }
        Mismatch mismatch = check("e.example.test").orElseThrow();
        assertTrue(mismatch.got().startsWith("302 (from http://e.example.test:" + port + "/loop/9,"), mismatch::got);
    }

    @Test
    void aRedirectToAnotherSchemeIsNotFollowed() {
        redirects.put(PATH, "ftp://f.example.test/x");
        Mismatch mismatch = check("f.example.test").orElseThrow();
        assertTrue(mismatch.got().contains("a redirect to 'ftp://f.example.test/x'"), mismatch::got);
    }

    @Test
    void nobodyListeningIsSaid() {
        server.stop(0);
        LoopbackPorts.awaitNoListener(port); // else a child process another test starts may accept and reset
        Mismatch mismatch = check("g.example.test").orElseThrow();
        assertEquals("connection refused by g.example.test:" + port, mismatch.got());
    }

    @Test
    void aResolverThatDoesNotAnswerIsSaid() {
        int nobody = LoopbackPorts.freePort();
        PreflightChecks checks = PreflightChecks.DEFAULT.withCaValidationPorts(port, 443)
                .withSelfCheckResolver(new HostPort("127.0.0.1", nobody));
        Mismatch mismatch = new HttpAnswerCheck(checks).check(Identifier.dns("h.example.test"), "tok-EN_1",
                KEY_AUTHORIZATION).orElseThrow();
        assertTrue(mismatch.got().startsWith("h.example.test could not be resolved by the DNS server 127.0.0.1:"
                + nobody), mismatch::got);
    }
}
