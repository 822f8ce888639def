package io.acmectl.core;

/**
 * A server address given as {@code ADDR:PORT} ({@code 127.0.0.1:53}, {@code [::1]:53}) or as a bare
 * address with a default port: where acmectl sends DNS queries or updates.
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new Failure.BadInput("an address is missing");
        }
        if (port < 1 || port > 65535) {
            throw new Failure.BadInput("port " + port + " is not between 1 and 65535");
        }
    }

    /** {@code ADDR:PORT}, {@code [IPv6]:PORT}, or ADDR alone (then {@code defaultPort}). */
    public static HostPort parse(String text, int defaultPort) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            throw new Failure.BadInput("an address is missing");
        }
        String host = value;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new Failure.BadInput("'" + text + "' opens [ without closing it");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new Failure.BadInput("'" + text + "' is not ADDR:PORT");
                }
                port = rest.substring(1);
            }
        } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') >= 0) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        if (port == null) {
            return new HostPort(host, defaultPort);
        }
        try {
            return new HostPort(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new Failure.BadInput("'" + text + "': port '" + port + "' is not a number");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
