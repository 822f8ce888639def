package io.acmectl.challenge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The standalone solver's HTTP listener, made for its one job. Not the JDK's {@code HttpServer}: that
 * one reads a request's head on its single dispatcher thread with no deadline, so one client that
 * sent a byte and held stalled every validation behind it (issue 13); a thread pool under it would
 * only move the stall to N clients. Here every connection has a thread of its own, at most
 * {@link Limits#connections()} at once, and a deadline for its whole request, so no client can hold
 * a slot for longer than that. Further clients wait in the kernel's backlog for a free slot.
 */
final class Http01Listener implements AutoCloseable {
    /**
     * How much one client may take: connections served at once, time from connecting to the end of
     * the request's head, and the head's size. The CA's request is a few hundred bytes sent at once.
     */
    record Limits(int connections, Duration deadline, int maxRequestBytes) {
        static final Limits STANDARD = new Limits(32, Duration.ofSeconds(5), 8 * 1024);
    }

    private static final int BACKLOG = 64;
    /** After an accept error (out of file descriptors, say), the pause before the next try, so the loop does not spin. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final ServerSocket server;
    private final Function<String, byte[]> answers;
    private final Limits limits;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Binds now: a port in use fails here, before any order. */
    Http01Listener(InetSocketAddress address, Function<String, byte[]> answers, Limits limits) throws IOException {
        this.answers = answers;
        this.limits = limits;
        this.slots = new Semaphore(limits.connections());
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true); // a port just closed (connections in TIME_WAIT) can be bound again
            server.bind(address, BACKLOG);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.acceptor = new Thread(this::acceptUntilClosed, "acmectl-http-01-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Stops listening and ends the connections being served; waits at most a second for the listener's thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        open.forEach(Http01Listener::closeQuietly);
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
                Thread connection = new Thread(() -> serve(client), acceptor.getName() + "-connection");
                connection.setDaemon(true);
                connection.start();
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
            new Http01Exchange(client, answers, limits).answer();
        } catch (IOException e) {
            // The client went away or was too slow: there is no one to tell.
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

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that is left to do with it
        }
    }
}
