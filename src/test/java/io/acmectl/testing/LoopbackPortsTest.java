package io.acmectl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The harness itself: ports handed out once, and the wait for a closed listener to be gone. */
class LoopbackPortsTest {
    @Test
    void aPortIsHandedOutOnceAndCanBeListenedOnAtOnce() throws Exception {
        int port = LoopbackPorts.freePort();
        assertNotEquals(port, LoopbackPorts.freePort());
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LoopbackPorts.LOOPBACK, port));
        }
    }

    @Test
    void waitingForNoListenerFailsWhileOneListensAndReturnsOnceItIsClosed() throws Exception {
        int port = LoopbackPorts.freePort();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(LoopbackPorts.LOOPBACK, port));
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> LoopbackPorts.awaitNoListener(port, Duration.ofMillis(100)));
            assertEquals("something still listens on 127.0.0.1:" + port + " 100 ms after it was closed",
                    failure.getMessage());
        }
        LoopbackPorts.awaitNoListener(port);
    }
}
