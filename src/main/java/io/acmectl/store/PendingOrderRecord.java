package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.core.CaServer;
import io.acmectl.core.Failure;
import io.acmectl.core.PendingOrder;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * {@code archive/NAME/pending-order.json}: a {@link PendingOrder} but its key, which is
 * {@code pending-key.pem} beside it (0600), written first: the record names a key that is there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingOrderRecord(String order, String account, String server, List<String> domains, String profile,
        int replacing, Instant placedAt) {

    static PendingOrderRecord of(PendingOrder pending) {
        return new PendingOrderRecord(pending.order().toString(), pending.account().toString(),
                pending.server().directory().toString(), pending.domains(), pending.profile(), pending.replacing(),
                pending.placedAt());
    }

    PendingOrder toPendingOrder(KeyPair key) throws IOException {
        if (order == null || account == null || server == null || domains == null || domains.isEmpty()) {
            throw new IOException("it lacks the order, the account, the server or the names");
        }
        try {
            return new PendingOrder(url(order), url(account), CaServer.resolve(server), domains, profile, replacing,
                    key, placedAt);
        } catch (Failure.BadInput e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static URL url(String text) throws IOException {
        try {
            return URI.create(text).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new IOException("'" + text + "' is not a URL", e);
        }
    }
}
