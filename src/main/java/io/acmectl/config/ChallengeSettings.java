package io.acmectl.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How to prove control of the names, kept with a certificate so that a renewal answers the same way
 * the first issuance did: http-01 through a webroot folder, or through acmectl's own listener.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChallengeSettings(String type, String webroot, Integer port, String address) {
    public static final String HTTP_01 = "http-01";
    public static final int DEFAULT_HTTP_PORT = 80;

    public static ChallengeSettings webroot(String folder) {
        return new ChallengeSettings(HTTP_01, folder, null, null);
    }

    public static ChallengeSettings standalone(int port, String address) {
        return new ChallengeSettings(HTTP_01, null, port, address);
    }

    @JsonIgnore
    public boolean isWebroot() {
        return webroot != null;
    }
}
