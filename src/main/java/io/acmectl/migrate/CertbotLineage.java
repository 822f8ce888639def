package io.acmectl.migrate;

import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import java.util.List;

/**
 * A certbot lineage as acmectl will keep it: its spec (names from the live certificate, in its order),
 * the certbot account that ordered it ({@code accountId}, may be null), its versions oldest first with the
 * live one last, and whether its challenge carried over ({@code renewable}: when not, the spec holds a
 * standalone placeholder and its want-list entry is written commented out).
 */
public record CertbotLineage(CertificateName name, CertificateSpec spec, String accountId,
        List<CertbotVersion> versions, boolean renewable) {
    public CertbotLineage {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a lineage has at least one version");
        }
    }

    public CertbotVersion live() {
        return versions.get(versions.size() - 1);
    }
}
