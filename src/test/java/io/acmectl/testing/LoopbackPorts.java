package io.acmectl.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assertions;

/**
 * Ports on 127.0.0.1 for the servers the tests start, handed out so that they cannot collide inside
 * this JVM and rarely with anything else.
 *
 * <p>Each JVM counts through its own block of ports, chosen from its PID, below the ephemeral range
 * (Linux starts it at 32768, macOS at 49152) so that outgoing connections do not take them either. A
 * port is handed out only if nothing in this JVM holds it and it can be bound at that moment; another
 * process can still take it before the server binds it, so whoever starts a server on it retries
 * with new ports when the server reports the address in use ({@link PebbleServer} does).
 *
 * <p>A listener closed in this JVM can outlive its {@code close()} for a moment: the JDK does not
 * open sockets close-on-exec (JDK-8207335), so a child process that some other test is starting
 * just then (jspawnhelper, until it has closed what it inherited and exec'd) holds a copy of every
 * socket of the JVM, and the kernel keeps the port listening until that copy is closed too. Hence
 * the free-port check never listens itself, and a test that binds a port again, or expects it
 * refused, right after closing its own listener first waits with {@link #awaitNoListener}.
 */
public final class LoopbackPorts {
    static final InetAddress LOOPBACK = loopback();
    private static final int LOWEST = 10_000;
    private static final int BLOCK = 1500;
    private static final int BLOCKS = (32_000 - LOWEST) / BLOCK;
    private static final int BASE = LOWEST + (int) (ProcessHandle.current().pid() % BLOCKS) * BLOCK;
    private static final long LINGER_POLL_MILLIS = 20;

    private static final Set<Integer> TAKEN = new HashSet<>();
    private static int next;

    private LoopbackPorts() {}

    /**
     * For a listener of the test's own, or an address where nothing listens: unlike a port from binding
     * port 0 (which the system may hand to an outgoing connection, or to another test, right after), it
     * is outside the ephemeral range and given out once in this JVM.
     */
    public static int freePort() {
        return take(false);
    }

    /**
     * A port of this JVM's block that nobody in this JVM holds, and that was free for TCP (and UDP) just
     * now. A port is never handed out twice: one given out long ago may still be meant for a listener
     * that is not up at this moment (a shared Pebble's http-01 port between two classes).
     */
    static synchronized int take(boolean udpToo) {
        for (int tried = 0; tried < BLOCK; tried++) {
            int port = BASE + next;
            next = (next + 1) % BLOCK;
            if (!TAKEN.contains(port) && bindable(port, udpToo)) {
                TAKEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port left in " + BASE + "-" + (BASE + BLOCK - 1)
                + ": " + TAKEN.size() + " are held by this JVM's tests, the rest by other processes");
    }

    /**
     * Waits, a bounded time, until nothing listens on {@code port}: for a test that has just closed
     * its listener there (see the class comment). Fails if something still does after 10 s.
     */
    public static void awaitNoListener(int port) {
        awaitNoListener(port, Duration.ofSeconds(10));
    }

    /** The same, but a port still held after 3 s is left for the caller to find held. */
    static void awaitNoListenerQuietly(int port) {
        long tries = Duration.ofSeconds(3).toMillis() / LINGER_POLL_MILLIS;
        for (long tried = 0; tried < tries && !bindable(port, false); tried++) {
            pause(port);
        }
    }

    static void awaitNoListener(int port, Duration patience) {
        long tries = Math.max(1, patience.toMillis() / LINGER_POLL_MILLIS);
        for (long tried = 0; tried < tries; tried++) {
            if (bindable(port, false)) {
                return;
            }
            pause(port);
        }
        Assertions.fail("something still listens on 127.0.0.1:" + port + " " + patience.toMillis()
                + " ms after it was closed");
    }

    private static void pause(int port) {
        try {
            Thread.sleep(LINGER_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for 127.0.0.1:" + port + " to be closed", e);
        }
    }

    /** Gives ports back once nothing of this JVM listens on them any more. */
    static synchronized void release(Collection<Integer> ports) {
        TAKEN.removeAll(ports);
    }

    static {
        // How many ports a whole run needed: the block must stay well above it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("LoopbackPorts: "
                + TAKEN.size() + " of " + BLOCK + " ports held at exit")));
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /**
     * Whether nothing listens on the port (nor holds it without SO_REUSEADDR), and for {@code udpToo}
     * nothing holds it for UDP. The TCP check binds a socket that does not listen, with SO_REUSEADDR
     * as every server here binds: should a child process being started copy it, the copy neither
     * accepts connections nor keeps the server that is given the port from binding it.
     */
    private static boolean bindable(int port, boolean udpToo) {
        try (Socket tcp = new Socket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException inUse) {
            return false;
        }
        if (udpToo) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                return true;
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
