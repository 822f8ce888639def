package io.acmectl.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports on 127.0.0.1 for the servers the tests start, handed out so that they cannot collide inside
 * this JVM and rarely with anything else.
 *
 * <p>Each JVM counts through its own block of ports, chosen from its PID, below the ephemeral range
 * (Linux starts it at 32768, macOS at 49152) so that outgoing connections do not take them either. A
 * port is handed out only if nothing in this JVM holds it and it can be bound at that moment; another
 * process can still take it before the server binds it, so whoever starts a server on it retries
 * with new ports when the server reports the address in use ({@link PebbleServer} does).
 */
public final class LoopbackPorts {
    static final InetAddress LOOPBACK = loopback();
    private static final int LOWEST = 10_000;
    private static final int BLOCK = 1500;
    private static final int BLOCKS = (32_000 - LOWEST) / BLOCK;
    private static final int BASE = LOWEST + (int) (ProcessHandle.current().pid() % BLOCKS) * BLOCK;

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

    private static boolean bindable(int port, boolean udpToo) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(LOOPBACK, port), 1);
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
