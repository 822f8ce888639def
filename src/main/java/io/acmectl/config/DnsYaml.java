package io.acmectl.config;

/**
 * A want list's {@code dns:} or {@code dns-persist:} challenge as written: who publishes the TXT
 * records, either certbot-style hooks ({@code hook}, {@code cleanup-hook}, {@code hook-timeout} in
 * seconds) or RFC 2136 updates ({@code rfc2136}). Checked by {@link DnsSettings}.
 */
record DnsYaml(String hook, String cleanupHook, Integer hookTimeout, Rfc2136 rfc2136) {
    record Rfc2136(String server, Integer port, String zone, String keyName, String algorithm, String secretFile) {}
}
