package io.acmectl.flow;

import io.acmectl.core.StoredCertificate;
import io.acmectl.store.LiveFiles;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a deploy hook is told, in certbot's variables and ours: values only, never part of a command line. */
final class DeployEnvironment {
    private DeployEnvironment() {}

    static Map<String, String> of(StoredCertificate certificate, LiveFiles live) {
        String domains = String.join(" ", certificate.domains());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ACMECTL_CERT_NAME", certificate.name().value());
        env.put("ACMECTL_DOMAINS", domains);
        env.put("ACMECTL_LIVE_DIR", live.directory().toString());
        env.put("ACMECTL_CERT_PATH", live.cert().toString());
        env.put("ACMECTL_KEY_PATH", live.privkey().toString());
        env.put("ACMECTL_CHAIN_PATH", live.chain().toString());
        env.put("ACMECTL_FULLCHAIN_PATH", live.fullchain().toString());
        env.put("RENEWED_LINEAGE", live.directory().toString());
        env.put("RENEWED_DOMAINS", domains);
        return env;
    }
}
