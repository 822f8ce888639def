package io.acmectl.challenge.selfcheck;

import io.acmectl.core.Identifier;
import io.acmectl.core.PreflightChecks;
import io.acmectl.core.Quote;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * The http-01 self-check: fetches {@code http://NAME:PORT/.well-known/acme-challenge/TOKEN} as the
 * CA will (the name resolved as {@link Addresses} says, the CA's validation port, redirects followed
 * as far as Let's Encrypt follows them) and compares the body, without its trailing white space as
 * validators trim it, with the key authorization.
 */
public final class HttpAnswerCheck {
    /** Let's Encrypt's validator follows at most 10 redirects. */
    static final int MAX_REDIRECTS = 10;
    private static final int SHOWN = 40;

    private final Addresses addresses;
    private final int port;

    public HttpAnswerCheck(PreflightChecks checks) {
        this.addresses = new Addresses(checks.selfCheckResolver());
        this.port = checks.caHttpPort();
    }

    /** The URL the CA fetches for this name and token. */
    public String url(Identifier identifier, String token) {
        String host = identifier.isIp() && identifier.value().contains(":") ? "[" + identifier.value() + "]"
                : identifier.value();
        return "http://" + host + (port == 80 ? "" : ":" + port) + "/.well-known/acme-challenge/" + token;
    }

    /** Empty when the CA will be served {@code keyAuthorization}; else what came back instead. */
    public Optional<Mismatch> check(Identifier identifier, String token, String keyAuthorization) {
        String first = url(identifier, token);
        URI url = URI.create(first);
        HttpExchange.Response response = null;
        for (int fetches = 0; fetches <= MAX_REDIRECTS; fetches++) {
            try {
                response = fetch(url);
            } catch (IOException e) {
                return Optional.of(new Mismatch(first, Addresses.reason(e, where(url)) + via(url, first)));
            }
            if (response.status() / 100 != 3 || response.location() == null || fetches == MAX_REDIRECTS) {
                break;
            }
            Optional<URI> next = follow(url, response.location());
            if (next.isEmpty()) {
                return Optional.of(new Mismatch(first, "a redirect to " + Quote.of(response.location())
                        + ", which a validator does not follow"));
            }
            url = next.get();
        }
        if (response.status() != 200) {
            return Optional.of(new Mismatch(first, response.status() + via(url, first)));
        }
        String body = response.body().stripTrailing();
        return body.equals(keyAuthorization) ? Optional.empty()
                : Optional.of(new Mismatch(first, "200 with another answer, " + Quote.of(Quote.cut(body, SHOWN))
                        + via(url, first)));
    }

    /** The first address that takes the connection answers; a refused one gives way to the next. */
    private HttpExchange.Response fetch(URI url) throws IOException {
        List<InetAddress> found = addresses.of(url.getHost());
        IOException last = null;
        for (InetAddress address : found) {
            try {
                return HttpExchange.get(url, address);
            } catch (java.net.ConnectException | java.net.NoRouteToHostException e) {
                last = e;
            }
        }
        throw last != null ? last : new java.net.UnknownHostException(url.getHost() + " has no address");
    }

    /** A redirect's target, when it is http or https (relative ones resolved): what validators follow. */
    private static Optional<URI> follow(URI from, String location) {
        try {
            URI next = from.resolve(new URI(location));
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && next.getHost() != null
                    ? Optional.of(next) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String where(URI url) {
        return url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80);
    }

    private static String via(URI url, String first) {
        return url.toString().equals(first) ? "" : " (from " + url + ", where it was redirected)";
    }
}
