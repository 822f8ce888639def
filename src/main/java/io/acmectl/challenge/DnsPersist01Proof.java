package io.acmectl.challenge;

import io.acmectl.core.Identifier;
import java.util.List;

/**
 * dns-persist-01 (draft-ietf-acme-dns-persist): a lasting TXT record at
 * {@code _validation-persist.NAME} reading {@code "<issuer-domain>; accounturi=<accountUrl>"} for one
 * of {@code issuerDomainNames}, which the CA sends in the challenge.
 */
public record DnsPersist01Proof(Identifier identifier, List<String> issuerDomainNames, String accountUrl)
        implements Proof {
    public DnsPersist01Proof {
        issuerDomainNames = List.copyOf(issuerDomainNames);
    }
}
