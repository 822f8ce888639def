package io.acmectl.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a certificate is obtained, kept with it so that a renewal repeats it exactly: the want list
 * produces these, {@code issue} on the command line too, and {@code renewal/NAME.json} stores them.
 * {@code account} is the account URL once known; {@code profile} and {@code renewBefore} may be null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateSettings(
        String server,
        String account,
        List<String> domains,
        KeySettings key,
        ChallengeSettings challenge,
        String profile,
        String renewBefore,
        Hooks hooks) {

    public CertificateSettings {
        domains = List.copyOf(domains);
        hooks = hooks == null ? Hooks.NONE : hooks;
    }

    public CertificateSettings withAccount(String accountUrl) {
        return new CertificateSettings(server, accountUrl, domains, key, challenge, profile, renewBefore, hooks);
    }
}
