package io.acmectl.service;

import io.acmectl.acme.CaServer;
import io.acmectl.config.ChallengeSettings;
import io.acmectl.crypto.KeyType;
import java.util.List;

/** What the user asked {@code issue} for; names are as typed and get validated by the service. */
public record CertificateRequest(
        CaServer server,
        List<String> domains,
        String certName,
        KeyType keyType,
        ChallengeSettings challenge,
        AccountService.Registration registration,
        boolean force) {}
