package io.acmectl.challenge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Function;

/**
 * The standalone solver's HTTP listener, made for its one job. Not the JDK's {@code HttpServer}: that
 * one reads a request's head on its single dispatcher thread with no deadline, so one client that
 * sent a byte and held stalled every validation behind it (issue 13); a thread pool under it would
 * only move the stall to N clients. Here every connection has a thread of its own, at most
 * {@link Limits#connections()} at once (the {@link PortListener}), and a deadline for its whole
 * request (the {@link Http01Exchange}), so no client can hold a slot for longer than that.
 */
final class Http01Listener implements AutoCloseable {
    /**
     * How much one client may take: connections served at once, time from connecting to the end of
     * the request's head, and the head's size. The CA's request is a few hundred bytes sent at once.
     */
    record Limits(int connections, Duration deadline, int maxRequestBytes) {
        static final Limits STANDARD = new Limits(32, Duration.ofSeconds(5), 8 * 1024);
    }

    private final PortListener listener;

    /** Binds now: a port in use fails here, before any order. */
    Http01Listener(InetSocketAddress address, Function<String, byte[]> answers, Limits limits) throws IOException {
        this.listener = new PortListener(address, limits.connections(), "acmectl-http-01",
                client -> new Http01Exchange(client, answers, limits).answer());
    }

    /** Stops listening and ends the connections being served; waits at most a second for the listener's thread. */
    @Override
    public void close() {
        listener.close();
    }
}
