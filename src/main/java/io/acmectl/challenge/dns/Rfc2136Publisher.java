package io.acmectl.challenge.dns;

import io.acmectl.core.DnsPublisher;

/** TODO(RFC 2136): dynamic updates signed with TSIG, through dnsjava. */
final class Rfc2136Publisher implements TxtPublisher {
    private Rfc2136Publisher() {}

    /** Reads and checks the secret file (0600) and finds the zone; fails with a one-line error. */
    static Rfc2136Publisher open(DnsPublisher.Rfc2136 spec) {
        throw new UnsupportedOperationException("RFC 2136 is not built yet");
    }

    @Override
    public void add(TxtRecord record) {
        throw new UnsupportedOperationException("RFC 2136 is not built yet");
    }

    @Override
    public void remove(TxtRecord record) {
        throw new UnsupportedOperationException("RFC 2136 is not built yet");
    }
}
