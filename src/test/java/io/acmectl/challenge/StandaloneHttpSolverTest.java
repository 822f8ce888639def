package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
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
            assertEquals(404, Http.send("POST", port, PATH + PROOF.token()).statusCode(), "not a GET");
            assertEquals(404, Http.send("DELETE", port, PATH + PROOF.token()).statusCode(), "not a GET");

            solver.cleanUp(PROOF);
            assertEquals(404, Http.send("GET", port, PATH + PROOF.token()).statusCode(), "after cleanUp");
        }
    }

    @Test
    void closingFreesThePortAndMayBeRepeated() throws Exception {
        int port = Http.freePort();
        StandaloneHttpSolver solver = new StandaloneHttpSolver("127.0.0.1", port);
        solver.close();
        solver.close();
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
