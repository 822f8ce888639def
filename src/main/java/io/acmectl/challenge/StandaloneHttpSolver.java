package io.acmectl.challenge;

import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * http-01 with acmectl's own HTTP listener, for hosts with no web server on port 80 (or one that
 * is stopped for the moment). It answers only {@code GET} and {@code HEAD} of
 * {@code /.well-known/acme-challenge/TOKEN}, within the {@link Http01Listener.Limits}. One listener
 * serves every certificate of a run that answers through its port.
 */
public final class StandaloneHttpSolver extends Http01Solver {
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final Http01Listener listener;
    private final String where;

    /**
     * Binds the port now ({@code address} null means every address), so a port in use fails before an
     * order; checks no answer before the CA.
     */
    public StandaloneHttpSolver(String address, int port) {
        this(address, port, Http01Listener.Limits.STANDARD);
    }

    StandaloneHttpSolver(String address, int port, Http01Listener.Limits limits) {
        this(PortListener.resolve(ChallengeSpec.HTTP_01, address, port), address, port, limits,
                PreflightChecks.DEFAULT.withSelfCheck(false));
    }

    private StandaloneHttpSolver(InetSocketAddress socket, String address, int port, Http01Listener.Limits limits,
            PreflightChecks checks) {
        super(checks);
        this.where = PortListener.describe(address, port);
        String cannot = "cannot listen on " + PortListener.describe(address, port) + " for http-01: ";
        try {
            listener = new Http01Listener(socket, answers::get, limits);
        } catch (BindException e) {
            throw new Failure.ChallengeSetup(cannot + e.getMessage()
                    + " (is a web server running there? use a webroot instead)", e);
        } catch (IOException e) {
            throw new Failure.ChallengeSetup(cannot + e.getMessage(), e);
        }
    }

    /**
     * The registry's way in: the address is checked first (a typo is the user's to fix, not worth
     * waiting for a port over), then the port is locked against sibling runs, then bound.
     */
    static StandaloneHttpSolver open(ChallengeSpec.Standalone spec, HostLocks locks, PreflightChecks checks) {
        InetSocketAddress socket = PortListener.resolve(ChallengeSpec.HTTP_01, spec.address(), spec.port());
        locks.lockPort(spec.address(), spec.port());
        return new StandaloneHttpSolver(socket, spec.address(), spec.port(), Http01Listener.Limits.STANDARD, checks);
    }

    @Override
    void publish(Identifier identifier, String token, String keyAuthorization) {
        answers.put(token, keyAuthorization.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    void withdraw(String token) {
        answers.remove(token);
    }

    @Override
    String served() {
        return "the answer of acmectl's http-01 listener on " + where;
    }

    @Override
    public void close() {
        listener.close();
    }
}
