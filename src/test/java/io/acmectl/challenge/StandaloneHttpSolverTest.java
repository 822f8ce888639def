package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.testing.LoopbackPorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneHttpSolverTest {
    private static final String PATH = "/.well-known/acme-challenge/";
    private static final Http01Proof PROOF = new Http01Proof(Identifier.dns("example.com"), "tok-EN_1", "tok-EN_1.thumb");

    @Test
    void servesThePresentedAnswerUntilCleanedUp() throws Exception {
        int port = Http.freePort();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port)) {
            assertEquals(ChallengeSpec.HTTP_01, solver.type());
            assertEquals(404, Http.send("GET", port, PATH + PROOF.token()).statusCode(), "nothing before present");

            solver.present(PROOF);
            HttpResponse<String> answer = Http.send("GET", port, PATH + PROOF.token());
            assertEquals(200, answer.statusCode());
            assertEquals("tok-EN_1.thumb", answer.body());
            assertEquals("text/plain", answer.headers().firstValue("Content-Type").orElse(""));

            assertEquals(404, Http.send("GET", port, PATH + "other").statusCode(), "another token");
            assertEquals(404, Http.send("GET", port, "/" + PROOF.token()).statusCode(), "outside the prefix");
            assertEquals(404, Http.send("GET", port, "/").statusCode(), "the root");

            solver.cleanUp(PROOF);
            assertEquals(404, Http.send("GET", port, PATH + PROOF.token()).statusCode(), "after cleanUp");
        }
    }

    /** Issue 13: one client that sent a byte and held used to stall every validation behind it. */
    @Test
    void clientsThatSendOneByteAndHoldStallNoOtherRequest() throws Exception {
        int port = Http.freePort();
        List<Socket> holders = new ArrayList<>();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            for (int i = 0; i < 3; i++) {
                Socket holder = Http.connect(port);
                holders.add(holder);
                holder.getOutputStream().write('G');
                holder.getOutputStream().flush();
            }
            HttpResponse<String> answer = Http.send("GET", port, PATH + PROOF.token());
            assertEquals(200, answer.statusCode());
            assertEquals("tok-EN_1.thumb", answer.body());
        } finally {
            for (Socket holder : holders) {
                holder.close();
            }
        }
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() throws Exception {
        int port = Http.freePort();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            String answer = Http.raw(port, "HEAD " + PATH + PROOF.token() + " HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n"
                    + "Connection: close\r\n\r\n", answer, "everything until the close, so no body");
            assertEquals(404, Http.send("HEAD", port, PATH + "other").statusCode());
        }
    }

    @Test
    void methodsOtherThanGetAndHeadAreNotAllowed() throws Exception {
        int port = Http.freePort();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get")) {
                HttpResponse<String> answer = Http.send(method, port, PATH + PROOF.token());
                assertEquals(405, answer.statusCode(), method);
                assertEquals("GET, HEAD", answer.headers().firstValue("Allow").orElse(""), method);
                assertEquals("", answer.body(), method);
            }
        }
    }

    @Test
    void absoluteTargetsQueriesAndHttp10ReachTheSameAnswer() throws Exception {
        int port = Http.freePort();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            for (String target : List.of("http://example.com" + PATH + PROOF.token(),
                    "HTTP://example.com:80" + PATH + PROOF.token() + "?x=1", PATH + PROOF.token() + "#f")) {
                String answer = Http.raw(port, "GET " + target + " HTTP/1.1\r\nHost: example.com\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), target + ": " + answer);
                assertTrue(answer.endsWith("\r\n\r\ntok-EN_1.thumb"), target + ": " + answer);
            }
            String old = Http.raw(port, "\r\nGET " + PATH + PROOF.token() + " HTTP/1.0\n\n");
            assertTrue(old.endsWith("\r\n\r\ntok-EN_1.thumb"), "HTTP/1.0, bare LF, a leading empty line: " + old);
        }
    }

    @Test
    void aMalformedRequestIsABadRequest() throws Exception {
        int port = Http.freePort();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            for (String line : List.of("HELLO", "GET " + PATH + PROOF.token(), "GET " + PATH + PROOF.token() + " HTTP/2.0",
                    "GET  " + PATH + PROOF.token() + " HTTP/1.1", "G(T " + PATH + PROOF.token() + " HTTP/1.1")) {
                String answer = Http.raw(port, line + "\r\nHost: example.com\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), line + ": " + answer);
            }
        }
    }

    @Test
    void anOversizeRequestIsRefusedAndClosed() throws Exception {
        int port = Http.freePort();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port)) {
            solver.present(PROOF);
            String header = "X-Filler: " + "a".repeat(100) + "\r\n";
            String head = "GET " + PATH + PROOF.token() + " HTTP/1.1\r\n" + header.repeat(90) + "\r\n";
            String answer = Http.raw(port, head);
            assertTrue(answer.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), answer);
            assertTrue(answer.endsWith("Connection: close\r\n\r\n"), answer);

            String longLine = "GET " + PATH + "a".repeat(9000) + " HTTP/1.1\r\n\r\n";
            assertTrue(Http.raw(port, longLine).startsWith("HTTP/1.1 414 URI Too Long\r\n"));

            String justUnder = "GET " + PATH + PROOF.token() + " HTTP/1.1\r\n" + header.repeat(70) + "\r\n";
            assertTrue(Http.raw(port, justUnder).startsWith("HTTP/1.1 200 OK\r\n"), "7 KiB of headers is fine");
        }
    }

    @Test
    void aRequestMustArriveWholeWithinTheDeadlineHoweverSlowlyItTrickles() throws Exception {
        int port = Http.freePort();
        Http01Listener.Limits limits = new Http01Listener.Limits(4, Duration.ofMillis(300), 8 * 1024);
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port, limits);
                Socket slow = Http.connect(port)) {
            solver.present(PROOF);
            // A byte every 50 ms never leaves a read waiting for 300 ms; the deadline is for the whole head.
            byte[] request = ("GET " + PATH + PROOF.token() + " HTTP/1.1\r\nHost: example.com\r\n"
                    + "X-Slow: " + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < request.length && slow.getInputStream().available() == 0; i++) {
                slow.getOutputStream().write(request[i]);
                slow.getOutputStream().flush();
                Thread.sleep(50);
            }
            assertTrue(Http.readToEnd(slow).startsWith("HTTP/1.1 408 Request Timeout\r\n"));
        }
    }

    @Test
    void moreHoldersThanConnectionSlotsOnlyDelayTheNextRequestUntilADeadline() throws Exception {
        int port = Http.freePort();
        Http01Listener.Limits limits = new Http01Listener.Limits(2, Duration.ofMillis(500), 8 * 1024);
        List<Socket> holders = new ArrayList<>();
        try (StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port, limits)) {
            solver.present(PROOF);
            for (int i = 0; i < 3; i++) {
                Socket holder = Http.connect(port);
                holders.add(holder);
                holder.getOutputStream().write('G');
                holder.getOutputStream().flush();
            }
            assertEquals(200, Http.send("GET", port, PATH + PROOF.token()).statusCode());
            for (Socket holder : holders) {
                assertTrue(Http.readToEnd(holder).startsWith("HTTP/1.1 408 "), "each holder is dropped at its deadline");
            }
        } finally {
            for (Socket holder : holders) {
                holder.close();
            }
        }
    }

    @Test
    void closingEndsTheConnectionsBeingServed() throws Exception {
        int port = Http.freePort();
        Http01Listener.Limits limits = new Http01Listener.Limits(4, Duration.ofSeconds(60), 8 * 1024);
        StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port, limits);
        try (Socket holder = Http.connect(port)) {
            holder.getOutputStream().write('G');
            holder.getOutputStream().flush();
            Http.send("GET", port, "/").statusCode(); // the holder's connection has surely been accepted by now
            solver.close();
            String after;
            try {
                after = Http.readToEnd(holder);
            } catch (SocketException reset) {
                after = "";
            }
            assertEquals("", after, "closed without an answer, long before its 60 s deadline");
        }
    }

    @Test
    void closingFreesThePortAndMayBeRepeated() throws Exception {
        int port = Http.freePort();
        StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port);
        solver.close();
        solver.close();
        LoopbackPorts.awaitNoListener(port); // a child process another test starts may hold it a moment
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(again.isBound());
        }
    }

    @Test
    void aBusyPortIsAChallengeSetupFailure() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Failure.ChallengeSetup failure = assertThrows(Failure.ChallengeSetup.class,
                    () -> new StandaloneHttpSolver("127.0.0.1", busy.getLocalPort()));
            assertTrue(failure.getMessage().startsWith("cannot listen on 127.0.0.1:" + busy.getLocalPort()
                    + " for http-01: "), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("(is a web server running there? use a webroot instead)"),
                    failure.getMessage());
        }
    }

    @Test
    void anUnresolvableAddressNamesTheValueNotAnOption() {
        Failure.BadInput failure = assertThrows(Failure.BadInput.class,
                () -> new StandaloneHttpSolver("no-such-host.invalid", 8080));
        assertEquals("cannot resolve the http-01 listener address 'no-such-host.invalid'", failure.getMessage());
        assertFalse(failure.getMessage().contains("--"));
    }
}
