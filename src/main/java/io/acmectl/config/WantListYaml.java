package io.acmectl.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A want list as written, bound from YAML before any check. Defaults and certificates share one
 * shape, {@link Entry}; name and domains are only for certificates. Each certificate is bound on
 * its own ({@code certificates} holds them as YAML holds them), so an unknown key or a wrong type
 * in one entry rejects that entry, not the file.
 */
final class WantListYaml {
    private WantListYaml() {}

    /**
     * {@code rateLimits}: a word ({@code auto}, {@code letsencrypt}, {@code none}) or a map of numbers,
     * so bound as whatever YAML holds and checked by {@link GuardSettings}. {@code notification} ({@code notify:}) and
     * {@code metricsFile} are checked by {@link ReportSettings}; {@code caValidationPorts}: {@code "HTTP,TLS"}
     * or a list of two, checked by {@link PreflightSettings} with the other checks' keys.
     */
    record File(Entry defaults, List<JsonNode> certificates, Object rateLimits, PolicyYaml policy,
            @JsonProperty("notify") NotifyYaml notification, String metricsFile,
            Boolean selfCheck, Object caValidationPorts, String selfCheckResolver, String dnsResolver,
            Integer dnsPropagationTimeout) {
        /** A file that says nothing: empty, or comments only. */
        static final File EMPTY = new File(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code timeout}: whole seconds. */
    record NotifyYaml(String command, Integer expiryDays, Boolean always, Integer timeout) {}

    /** The TLS server that must present the certificate after its deploy hooks: {@code HOST:PORT}. */
    record VerifyYaml(String tls) {}

    record PolicyYaml(List<String> allowedDomains) {}

    record Entry(String name, List<String> domains, Boolean includeApex, String server, List<String> email,
            Boolean agreeTos, Key key, JsonNode challenge, String profile, String renewBefore, HookLists hooks,
            VerifyYaml verify, String preferredChain) {
        /** An entry that sets nothing: the defaults of a file without a {@code defaults:} section. */
        static final Entry EMPTY = new Entry(null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    record Key(String type, Boolean reuse) {}

    /**
     * One way to prove control. An entry's {@code challenge} is bound as a tree and read by
     * {@link ChallengeSettings}: this one way, or a map of names (and {@code default}) to one way each.
     */
    record Challenge(String webroot, Standalone standalone, Standalone tlsAlpn, DnsYaml dns, DnsYaml dnsPersist) {
        /** How many ways it names: exactly one is valid. */
        int ways() {
            return (webroot == null ? 0 : 1) + (standalone == null ? 0 : 1) + (tlsAlpn == null ? 0 : 1)
                    + (dns == null ? 0 : 1) + (dnsPersist == null ? 0 : 1);
        }
    }

    record Standalone(Integer port, String address) {}

    record HookLists(List<String> pre, List<String> post, List<String> deploy) {}
}
