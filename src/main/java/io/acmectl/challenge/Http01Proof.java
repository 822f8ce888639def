package io.acmectl.challenge;

import io.acmectl.core.Failure;
import io.acmectl.core.Identifier;

/**
 * http-01 (RFC 8555 section 8.3): {@code keyAuthorization} served at
 * {@code http://NAME/.well-known/acme-challenge/TOKEN}. The token comes from the network, so it is
 * checked to be base64url before it can name a file or anything else.
 */
public record Http01Proof(Identifier identifier, String token, String keyAuthorization) implements Proof {
    public Http01Proof {
        if (token == null || !token.matches("[A-Za-z0-9_-]+")) {
            throw new Failure.CaRefused("the CA sent an http-01 token that is not base64url");
        }
    }
}
