package io.acmectl.core;

import java.util.Objects;

/**
 * A certificate's deploy check ({@code verify:} in the want list): after its deploy hooks ran, the
 * TLS server at {@code tls} is asked for it (SNI: the certificate's first name) and must present the
 * new certificate. Deploy hooks that "succeed" without the server taking the new certificate (a
 * reload of the wrong service, a config test that failed silently) are found the day it is renewed,
 * not the day the old one expires.
 */
public record Verify(HostPort tls) {
    public static final int DEFAULT_PORT = 443;

    public Verify {
        Objects.requireNonNull(tls, "tls");
    }
}
