package io.acmectl.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One bounded request against a loopback server that misbehaves on purpose: a body that stops
 * halfway (the hang of issue 12), a body larger than the cap, a caller interrupted while it waits.
 * Assertions are on outcomes and on the connection being closed, never on speed.
 */
class ExchangeTest {
    private static final int WAIT_SECONDS = 30;

    private ServerSocket server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch clientClosed = new CountDownLatch(1);

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/")).build();
    }

    private static NetworkPolicy policy(Duration timeout, int maxBody) {
        return new NetworkPolicy(timeout, 1, Duration.ofMillis(1), Duration.ZERO, maxBody);
    }

    /** Answers one request: {@code head}, then {@code body}, then waits until the client closes. */
    private void answerOnce(String head, byte[] body) {
        answerOnce(Duration.ZERO, head, body);
    }

    private void answerOnce(Duration late, String head, byte[] body) {
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int lastFour = 0;
                while (lastFour != 0x0D0A0D0A) { // the request's head (a GET: no body); its content does not matter
                    int b = in.read();
                    if (b < 0) {
                        clientClosed.countDown();
                        return;
                    }
                    lastFour = (lastFour << 8) | b;
                }
                Thread.sleep(late.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                socket.setSoTimeout(WAIT_SECONDS * 1000);
                while (in.read() >= 0) {
                    // nothing more will be answered
                }
                clientClosed.countDown();
            } catch (IOException e) {
                clientClosed.countDown(); // reset by the client: closed too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "exchange-test-server");
        thread.setDaemon(true);
        thread.start();
    }

    @Test
    void aBodyThatStopsHalfwayEndsAtTheDeadlineAndTheConnectionIsClosed() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
                "{\"status\":".getBytes(StandardCharsets.US_ASCII));

        HttpTimeoutException timeout = assertThrows(HttpTimeoutException.class,
                () -> Exchange.send(client, request(), policy(Duration.ofMillis(1500), 1 << 20)));

        assertEquals("no complete answer within 1.5 s", timeout.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "a deadline must not leave an interrupt behind");
        assertTrue(clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the stalled connection was left open");
    }

    @Test
    void headersThatComeAfterTheDeadlineDoNotKeepTheConnectionOpen() throws Exception {
        answerOnce(Duration.ofMillis(600), "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n",
                "{".getBytes(StandardCharsets.US_ASCII));

        assertThrows(HttpTimeoutException.class,
                () -> Exchange.send(client, request(), policy(Duration.ofMillis(100), 1 << 20)));

        assertTrue(clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the late answer's connection was left open");
    }

    @Test
    void aBodyOverTheCapIsCutOff() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n",
                new byte[5000]);

        assertThrows(Exchange.TooLarge.class,
                () -> Exchange.send(client, request(), policy(Duration.ofSeconds(WAIT_SECONDS), 1000)));
        assertTrue(clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the connection was left open");
    }

    @Test
    void aWholeAnswerIsReadableAsOftenAsAcme4jAsks() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nRetry-After: 5\r\n\r\n",
                "{}".getBytes(StandardCharsets.US_ASCII));

        HttpResponse<InputStream> response = Exchange.send(client, request(), policy(Duration.ofSeconds(WAIT_SECONDS),
                1000));

        assertEquals(200, response.statusCode());
        assertEquals("5", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("{}", new String(response.body().readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals("{}", new String(response.body().readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", "{".getBytes(StandardCharsets.US_ASCII));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Exchange.send(client, request(), policy(Duration.ofSeconds(WAIT_SECONDS), 1 << 20));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        for (int i = 0; i < 500 && caller.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(WAIT_SECONDS * 1000L);

        assertFalse(caller.isAlive(), "the caller waited on through the interrupt");
        assertTrue(thrown.get() instanceof Failure.Aborted, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, stillInterrupted.get(), "the interrupt flag was swallowed");
    }
}
