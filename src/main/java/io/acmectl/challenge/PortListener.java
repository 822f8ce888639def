package io.acmectl.challenge;

import io.acmectl.core.Failure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The accept loop of acmectl's own listeners (http-01, tls-alpn-01): every connection has a thread
 * of its own, at most {@code connections} at once; further clients wait in the kernel's backlog for
 * a free slot. How long one connection may hold its slot is the {@link Connection}'s business:
 * each one has a deadline (issue 13: a client that sent a byte and held once stalled every
 * validation behind it).
 */
final class PortListener implements AutoCloseable {
    /** What is done with one accepted connection; the listener closes it afterwards. */
    @FunctionalInterface
    interface Connection {
        void serve(Socket client) throws IOException;
    }

    private static final int BACKLOG = 64;
    /** After an accept error (out of file descriptors, say), the pause before the next try: the loop must not spin. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final ServerSocket server;
    private final Connection connection;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Binds now: a port in use fails here, before any order. {@code name} names the threads. */
    PortListener(InetSocketAddress address, int connections, String name, Connection connection) throws IOException {
        this.connection = connection;
        this.slots = new Semaphore(connections);
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true); // a port just closed (connections in TIME_WAIT) can be bound again
            server.bind(address, BACKLOG);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.acceptor = new Thread(this::acceptUntilClosed, name + "-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The address to bind ({@code address} null means every address). The address is the user's
     * (command line or want list), so the message names its value, not an option.
     */
    static InetSocketAddress resolve(String challengeType, String address, int port) {
        InetSocketAddress socket = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        if (socket.isUnresolved()) {
            throw new Failure.BadInput("cannot resolve the " + challengeType + " listener address '" + address + "'");
        }
        return socket;
    }

    /** {@code address:port} as the user would write it, {@code *} for every address. */
    static String describe(String address, int port) {
        return (address == null ? "*" : address) + ":" + port;
    }

    /** Stops listening and ends the connections being served; waits at most a second for the listener's thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        open.forEach(PortListener::closeQuietly);
        acceptor.interrupt();
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptUntilClosed() {
        while (!closed.get()) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Socket client = server.accept();
                open.add(client);
                Thread thread = new Thread(() -> serve(client), acceptor.getName() + "-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                slots.release();
                if (!closed.get() && !pause()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            connection.serve(client);
        } catch (IOException e) {
            // The client went away, was too slow or was refused: there is no one to tell.
        } finally {
            open.remove(client);
            slots.release();
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that is left to do with it
        }
    }
}
