package io.acmectl.challenge.dns;

import io.acmectl.core.DnsPublisher;

/** TODO(dns-01 hooks): certbot-compatible manual hooks, values in the environment only. */
final class HookPublisher implements TxtPublisher {
    private final DnsPublisher.Hook spec;

    HookPublisher(DnsPublisher.Hook spec) {
        this.spec = spec;
    }

    @Override
    public void add(TxtRecord record) {
        throw new UnsupportedOperationException("DNS hooks are not built yet");
    }

    @Override
    public void remove(TxtRecord record) {
        throw new UnsupportedOperationException("DNS hooks are not built yet");
    }
}
