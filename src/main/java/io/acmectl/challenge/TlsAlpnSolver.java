package io.acmectl.challenge;

import io.acmectl.challenge.selfcheck.TlsAlpnAnswerCheck;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.KeyType;
import io.acmectl.core.PreflightChecks;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.List;

/**
 * tls-alpn-01 (RFC 8737) with acmectl's own TLS listener, for hosts with no web server on port 443
 * (or one that is stopped for the moment). Each name being validated gets a self-signed
 * certificate of its own ({@link ValidationCertificate}), all signed by one key made for this
 * solver; a client that does not ask for {@code acme-tls/1}, or names no name being validated,
 * gets a failed handshake ({@link ValidationKeys}). One listener serves every certificate of a run
 * that answers through its port. Before the CA is asked, each name's handshake is made the way the
 * CA will make it ({@link TlsAlpnAnswerCheck}), unless the run's checks say not to.
 */
public final class TlsAlpnSolver implements ChallengeSolver {
    private final KeyType keyType;
    private final KeyPair key;
    private final ValidationKeys keys;
    private final TlsAlpnListener listener;
    private final PreflightChecks checks;
    private final String where;

    /**
     * Binds the port now ({@code address} null means every address), with an EC P-256 key; checks no
     * handshake before the CA.
     */
    public TlsAlpnSolver(String address, int port) {
        this(address, port, KeyType.EC256);
    }

    /** As {@link #TlsAlpnSolver(String, int)}, signing the validation certificates with a key of this type. */
    public TlsAlpnSolver(String address, int port, KeyType keyType) {
        this(address, port, keyType, TlsAlpnListener.Limits.STANDARD);
    }

    TlsAlpnSolver(String address, int port, KeyType keyType, TlsAlpnListener.Limits limits) {
        this(PortListener.resolve(ChallengeSpec.TLS_ALPN_01, address, port), address, port, keyType, limits,
                PreflightChecks.DEFAULT.withSelfCheck(false));
    }

    private TlsAlpnSolver(InetSocketAddress socket, String address, int port, KeyType keyType,
            TlsAlpnListener.Limits limits, PreflightChecks checks) {
        this.checks = checks;
        this.where = PortListener.describe(address, port);
        this.keyType = keyType;
        this.key = keyType.generate();
        this.keys = new ValidationKeys(key.getPrivate());
        String cannot = "cannot listen on " + PortListener.describe(address, port) + " for tls-alpn-01: ";
        try {
            listener = new TlsAlpnListener(socket, keys, limits);
        } catch (BindException e) {
            throw new Failure.ChallengeSetup(cannot + e.getMessage()
                    + " (is a web server running there? use http-01 instead)", e);
        } catch (IOException e) {
            throw new Failure.ChallengeSetup(cannot + e.getMessage(), e);
        }
    }

    /**
     * The registry's way in: the address is checked first (a typo is the user's to fix, not worth
     * waiting for a port over), then the port is locked against sibling runs, then bound.
     */
    static TlsAlpnSolver open(ChallengeSpec.TlsAlpn spec, HostLocks locks, PreflightChecks checks) {
        InetSocketAddress socket = PortListener.resolve(ChallengeSpec.TLS_ALPN_01, spec.address(), spec.port());
        locks.lockTlsPort(spec.address(), spec.port());
        return new TlsAlpnSolver(socket, spec.address(), spec.port(), KeyType.EC256, TlsAlpnListener.Limits.STANDARD,
                checks);
    }

    @Override
    public String type() {
        return ChallengeSpec.TLS_ALPN_01;
    }

    @Override
    public void present(Proof proof) {
        TlsAlpn01Proof tls = tlsAlpn01(proof);
        keys.present(TlsAlpnNames.sniName(tls.identifier()), tls.keyAuthorization(),
                ValidationCertificate.create(key, keyType, tls.identifier(), tls.keyAuthorization()));
    }

    /**
     * Makes every name's handshake as the CA will; the first that does not show the right certificate
     * stops the order before any challenge is triggered (the CA counts failed validations).
     */
    @Override
    public void confirm(List<Proof> presented) {
        if (!checks.selfCheck()) {
            return;
        }
        TlsAlpnAnswerCheck check = new TlsAlpnAnswerCheck(checks);
        for (Proof proof : presented) {
            TlsAlpn01Proof tls = tlsAlpn01(proof);
            check.check(tls.identifier(), TlsAlpnNames.sniName(tls.identifier()), tls.keyAuthorization())
                    .ifPresent(mismatch -> {
                        throw new Failure.ChallengeSetup("the tls-alpn-01 answer of acmectl's listener on " + where
                                + " is not served at " + mismatch.fetched() + ": got " + mismatch.got()
                                + " (--no-self-check asks the CA anyway)", null);
                    });
        }
    }

    @Override
    public void cleanUp(Proof proof) {
        TlsAlpn01Proof tls = tlsAlpn01(proof);
        keys.withdraw(TlsAlpnNames.sniName(tls.identifier()), tls.keyAuthorization());
    }

    @Override
    public void close() {
        listener.close();
    }

    /** Another proof here is a bug in whoever chose this solver, not something the user can fix. */
    private static TlsAlpn01Proof tlsAlpn01(Proof proof) {
        if (proof instanceof TlsAlpn01Proof tls) {
            return tls;
        }
        throw new IllegalArgumentException("a tls-alpn-01 solver cannot present " + proof);
    }
}
