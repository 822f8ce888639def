package io.acmectl.challenge;

import io.acmectl.core.Identifier;

/**
 * What the CA asks to be shown for one authorization, in our own terms (the {@code acme} package
 * builds it from acme4j's challenge). One record per challenge type.
 */
public sealed interface Proof permits Http01Proof, TlsAlpn01Proof, Dns01Proof, DnsPersist01Proof {
    Identifier identifier();
}
