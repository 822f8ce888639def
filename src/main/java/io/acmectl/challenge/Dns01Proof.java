package io.acmectl.challenge;

import io.acmectl.core.Identifier;

/**
 * dns-01 (RFC 8555 section 8.4): the TXT record {@code txtName} ({@code _acme-challenge.NAME.},
 * before any CNAME is followed) must hold {@code txtValue}, the digest of the key authorization.
 * A wildcard and its base name give two values on one name, both present at once.
 */
public record Dns01Proof(Identifier identifier, String txtName, String txtValue) implements Proof {}
