package io.acmectl.store;

import java.nio.file.Path;

/**
 * The paths a web server uses for a lineage, which always name the newest complete set (certbot's
 * names). {@code directory()} is switched whole, by one rename; a reader that must get a matching
 * certificate and key resolves it once ({@code toRealPath()}, {@code readlink -f}) and reads both from
 * there: two opens by these paths can straddle a switch, in any layout.
 */
public record LiveFiles(Path directory) {
    public Path cert() {
        return directory.resolve("cert.pem");
    }

    public Path chain() {
        return directory.resolve("chain.pem");
    }

    public Path fullchain() {
        return directory.resolve("fullchain.pem");
    }

    public Path privkey() {
        return directory.resolve("privkey.pem");
    }
}
