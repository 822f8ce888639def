package io.acmectl.acme;

import io.acmectl.core.Identifier;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One certificate to order: the names, the key its CSR is signed with, the CA profile (null for
 * the CA's default), the certificate it replaces (RFC 9773; null when none is claimed) and the issuer
 * common name of the preferred chain's top certificate (null: the CA's default chain).
 */
public record OrderRequest(List<Identifier> identifiers, KeyPair certificateKey, String profile,
        X509Certificate replaces, String preferredChain) {
    public OrderRequest {
        identifiers = List.copyOf(identifiers);
    }

    List<String> names() {
        return identifiers.stream().map(Identifier::value).toList();
    }

    OrderRequest withoutReplaces() {
        return new OrderRequest(identifiers, certificateKey, profile, null, preferredChain);
    }
}
