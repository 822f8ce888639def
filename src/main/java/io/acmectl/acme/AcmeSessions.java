package io.acmectl.acme;

import io.acmectl.core.CaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.NonceHolder;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Opens one acme4j {@link Session} per CA for the whole run (a Session is thread-safe and caches
 * the directory and nonces), trusting the system's roots and the {@code --ca-bundle}. Every request
 * of a session is bounded by its {@link NetworkPolicy} (see {@link BoundedConnection}); a lookup that
 * waits less (renewal information) gets a session of its own with the shorter policy.
 */
public final class AcmeSessions {
    private final Path caBundle;
    private final NetworkPolicy policy;
    private final Map<Key, Session> sessions = new ConcurrentHashMap<>();
    private SSLContext tls;

    /** {@code thread}: 0 for the run's shared session, else the one thread that uses its own. */
    private record Key(URI directory, NetworkPolicy policy, long thread) {
        // Written out: a record's own are linked through invokedynamic at their first call, in every run.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && directory.equals(that.directory) && policy.equals(that.policy)
                    && thread == that.thread;
        }

        @Override
        public int hashCode() {
            return (directory.hashCode() * 31 + policy.hashCode()) * 31 + Long.hashCode(thread);
        }
    }

    private static final long DIRECTORY_KEPT_NANOS = TimeUnit.HOURS.toNanos(1);

    public AcmeSessions(Path caBundle) {
        this(caBundle, NetworkPolicy.standard());
    }

    public AcmeSessions(Path caBundle, NetworkPolicy policy) {
        this.caBundle = caBundle;
        this.policy = policy;
    }

    public Session open(CaServer server) {
        return open(server, policy);
    }

    NetworkPolicy policy() {
        return policy;
    }

    Session open(CaServer server, NetworkPolicy limits) {
        return open(new Key(server.directory(), limits, 0));
    }

    private Session open(Key wanted) {
        return sessions.computeIfAbsent(wanted, key -> {
            Session session = new Session(key.directory(), new TrustingProvider(tls(), key.policy()));
            session.networkSettings().setTimeout(key.policy().timeout());
            return session;
        });
    }

    /** Signs as a stored account; nothing is sent until the login is used. */
    Login login(Signer signer) {
        return login(signer, policy);
    }

    Login login(Signer signer, NetworkPolicy limits) {
        return open(signer.server(), limits).login(signer.accountUrl(), signer.key());
    }

    /**
     * A login on a session of this thread's own. acme4j 4.0.0 holds a session's nonce lock for every
     * request it sends, GETs included, so requests through one session go one at a time: what must run
     * side by side (renewal information for many certificates) needs a session per thread. Each costs
     * one directory fetch.
     */
    Login loginOnThisThread(Signer signer, NetworkPolicy limits) {
        return open(new Key(signer.server().directory(), limits, Thread.currentThread().getId()))
                .login(signer.accountUrl(), signer.key());
    }

    /** Built on first use: loading the system's CA store costs a run that contacts no CA for nothing. */
    private synchronized SSLContext tls() {
        if (tls == null) {
            tls = TlsTrust.context(caBundle);
        }
        return tls;
    }

    /** acme4j's generic provider with our TLS trust and bounded connections; any https directory URL. */
    private static final class TrustingProvider extends GenericAcmeProvider {
        private final SSLContext tls;
        private final NetworkPolicy policy;
        /** The directory this provider's session read last, or null. */
        private volatile ReadDirectory last;

        TrustingProvider(SSLContext tls, NetworkPolicy policy) {
            this.tls = tls;
            this.policy = policy;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(settings.getTimeout())
                    .proxy(settings.getProxySelector())
                    .sslContext(tls);
            if (settings.getAuthenticator() != null) {
                builder.authenticator(settings.getAuthenticator());
            }
            return builder.build();
        }

        @Override
        public Connection connect(URI serverUri, NetworkSettings settings, HttpClient httpClient) {
            return new BoundedConnection(createHttpConnector(settings, httpClient), policy);
        }

        /**
         * acme4j 4.0.0 reads the directory anew before every request that looks up a resource (a new
         * nonce, an order, renewal information) unless the CA's caching headers say it is fresh, and Let's
         * Encrypt's say max-age=0: two more GETs an order, a quarter of a batch's requests. A session
         * keeps the directory it read, here for an hour at most (lego reads it once a run, certbot once a
         * certificate). A read that fails is tried again here, each try under the session's lock.
         */
        @Override
        public JSON directory(Session session, URI serverUri) throws AcmeException {
            ReadDirectory read = last;
            if (read != null && read.fresh() && session.hasDirectory()) {
                return null; // acme4j keeps the one it has
            }
            return Retries.run(policy, serverUri, () -> { }, () -> readUnderLock(session, serverUri));
        }

        /**
         * Under the session's lock, which acme4j's read takes too (so no other lock order), and checked
         * again there: of a batch's threads that all found no directory, the first reads it and the
         * others take that one, also before acme4j has put it in the session.
         */
        private JSON readUnderLock(Session session, URI serverUri) throws AcmeException {
            try (NonceHolder held = session.lockNonce()) {
                ReadDirectory read = last;
                if (read != null && read.fresh()) {
                    return session.hasDirectory() ? null : read.json();
                }
                JSON json = super.directory(session, serverUri);
                // null: not modified since the one read last, which is fresh again
                JSON kept = json != null || read == null ? json : read.json();
                if (kept != null) {
                    last = new ReadDirectory(kept, System.nanoTime());
                }
                return json;
            }
        }
    }

    /** A directory as the CA sent it, and when it was read or found unchanged ({@link System#nanoTime}). */
    private record ReadDirectory(JSON json, long at) {
        boolean fresh() {
            return System.nanoTime() - at < DIRECTORY_KEPT_NANOS;
        }
    }
}
