package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.config.ChallengeSettings;
import java.time.Instant;
import java.util.List;

/**
 * What the store knows of one certificate lineage ({@code renewal/NAME.yaml}): enough to renew it
 * the same way without asking the user again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredCertificate(
        String name,
        String server,
        String account,
        List<String> domains,
        String keyType,
        ChallengeSettings challenge,
        int version,
        String serial,
        Instant issuedAt,
        Instant notBefore,
        Instant notAfter) {}
