package io.acmectl.acme;

import io.acmectl.core.CaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * Opens one acme4j {@link Session} per CA for the whole run (a Session is thread-safe and caches
 * the directory and nonces), trusting the system's roots and the {@code --ca-bundle}.
 */
public final class AcmeSessions {
    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);

    private final Path caBundle;
    private final Map<URI, Session> sessions = new ConcurrentHashMap<>();
    private SSLContext tls;

    public AcmeSessions(Path caBundle) {
        this.caBundle = caBundle;
    }

    public Session open(CaServer server) {
        return sessions.computeIfAbsent(server.directory(), uri -> {
            Session session = new Session(uri, new TrustingProvider(tls()));
            session.networkSettings().setTimeout(NETWORK_TIMEOUT);
            return session;
        });
    }

    /** Signs as a stored account; nothing is sent until the login is used. */
    Login login(Signer signer) {
        return open(signer.server()).login(signer.accountUrl(), signer.key());
    }

    /** Built on first use: loading the system's CA store costs a run that contacts no CA for nothing. */
    private synchronized SSLContext tls() {
        if (tls == null) {
            tls = TlsTrust.context(caBundle);
        }
        return tls;
    }

    /** acme4j's generic provider with our TLS trust; any https directory URL is accepted. */
    private static final class TrustingProvider extends GenericAcmeProvider {
        private final SSLContext tls;

        TrustingProvider(SSLContext tls) {
            this.tls = tls;
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
    }
}
