package io.acmectl.acme;

import org.shredzone.acme4j.exception.AcmeServerException;

/** The RFC 8555 (and RFC 9773) problem types acmectl reacts to, compared by type URI, never by message. */
enum ProblemType {
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist"),
    ALREADY_REVOKED("alreadyRevoked"),
    ALREADY_REPLACED("alreadyReplaced"),
    BAD_NONCE("badNonce"),
    ORDER_NOT_READY("orderNotReady"),
    RATE_LIMITED("rateLimited");

    static final String PREFIX = "urn:ietf:params:acme:error:";

    private final String urn;

    ProblemType(String name) {
        this.urn = PREFIX + name;
    }

    boolean is(AcmeServerException e) {
        return e.getType() != null && urn.equals(e.getType().toString());
    }
}
