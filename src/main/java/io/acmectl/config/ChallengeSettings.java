package io.acmectl.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmectl.config.WantListYaml.Challenge;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.ChallengeSpec;
import io.acmectl.core.Failure;
import io.acmectl.core.Identifiers;
import io.acmectl.core.Quote;
import io.acmectl.files.Folders;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A want list's {@code challenge}, checked where it stands. Two forms: one way to prove control
 * ({@code { webroot: DIR }}), or a map of names (exact or {@code *.} patterns) to one way each, with
 * an optional {@code default} for the names no key covers. The map form is told by its keys: a
 * {@code default}, or a key that is a name (it has a dot, a colon or a star); anything else is the
 * single form, whose unknown keys are errors. {@code defaults} takes the single form only: which
 * names a map would cover depends on each certificate.
 */
final class ChallengeSettings {
    private static final String DEFAULT = "default";
    private static final String WAYS = "{ webroot: DIR }, { standalone: { port: 80 } }, { tls-alpn: { port: 443 } }, "
            + "{ dns: { hook: COMMAND } }, { dns: { rfc2136: {...} } } or { dns-persist: {...} }";

    private final Positions positions;

    ChallengeSettings(Positions positions) {
        this.positions = positions;
    }

    /**
     * The entry's challenge, else the defaults'; an error with neither stands at the certificate.
     * {@code domains}: the certificate's names (after the www apex), or null when unknown (defaults, or
     * invalid names): then the keys of a map are not matched against them. A single form's error is
     * thrown; a map's errors are all added to {@code errors}, and then null is returned.
     */
    ChallengeChoice of(Layers c, List<String> domains, List<Failure.BadInput> errors) {
        JsonNode own = present(c.own().challenge());
        JsonNode node = own != null ? own : present(c.defaults().challenge());
        String pointer = own != null ? c.base() + "/challenge" : node != null ? "/defaults/challenge" : c.base();
        String shown = own != null && !c.isDefaults()
                ? "certificates[" + c.base().substring(c.base().lastIndexOf('/') + 1) + "].challenge"
                : "defaults.challenge";
        String what = c.isDefaults() ? "the challenge under defaults must be exactly one"
                : "certificate " + Quote.of(c.own().name()) + " needs exactly one challenge";
        if (node == null) {
            throw positions.fail(pointer, what + ": " + WAYS);
        }
        if (!isMap(node)) {
            return ChallengeChoice.of(single(node, pointer, shown, what));
        }
        if (c.isDefaults() || own == null) {
            throw positions.fail(pointer, "a challenge per name belongs to a certificate; the challenge under "
                    + "defaults must be exactly one: " + WAYS);
        }
        return perName(node, pointer, shown, domains, errors);
    }

    /** A map of names and {@code default} to one way each; null when any part is wrong (each has its error). */
    private ChallengeChoice perName(JsonNode node, String pointer, String shown, List<String> domains,
            List<Failure.BadInput> errors) {
        int before = errors.size();
        ChallengeSpec fallback = null;
        Map<String, ChallengeSpec> byName = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String keyPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
            String keyShown = shown + "[" + Quote.of(key) + "]";
            if (key.equals(DEFAULT)) {
                fallback = attempt(errors, () -> single(field.getValue(), keyPointer, keyShown,
                        "the default challenge must be exactly one"));
                continue;
            }
            named(key, field.getValue(), keyPointer, keyShown, domains, byName, errors);
        }
        if (domains != null && !node.has(DEFAULT)) {
            uncovered(domains, byName, pointer, errors);
        }
        if (errors.size() > before) {
            return null;
        }
        if (fallback == null) { // every name is covered by a key: the fallback is never asked
            if (byName.isEmpty()) {
                throw positions.fail(pointer, "a challenge per name needs at least one name or default");
            }
            fallback = byName.values().iterator().next();
        }
        return new ChallengeChoice(fallback, byName);
    }

    /** One name's key: a name or pattern that matches one of the certificate's names, and its one way. */
    private void named(String key, JsonNode value, String keyPointer, String keyShown, List<String> domains,
            Map<String, ChallengeSpec> byName, List<Failure.BadInput> errors) {
        String name;
        try {
            name = Identifiers.parse(key).value();
        } catch (Failure.BadInput e) {
            errors.add(positions.failAtKey(keyPointer, e.getMessage()));
            return;
        }
        if (byName.containsKey(name)) {
            errors.add(positions.failAtKey(keyPointer, "the challenge for " + Quote.of(name) + " is given twice"));
            return;
        }
        if (domains != null && domains.stream().noneMatch(d -> ChallengeChoice.matches(name, d))) {
            errors.add(positions.failAtKey(keyPointer, Quote.of(key) + " matches none of the certificate's names ("
                    + String.join(", ", domains) + ")"));
        }
        ChallengeSpec spec = attempt(errors, () -> single(value, keyPointer, keyShown,
                "the challenge for " + Quote.of(key) + " must be exactly one"));
        byName.put(name, spec); // null when it has its error: the name still counts as covered
    }

    /** Without {@code default}, each name no key covers has its error. */
    private void uncovered(List<String> domains, Map<String, ChallengeSpec> byName, String pointer,
            List<Failure.BadInput> errors) {
        for (String domain : domains) {
            if (byName.keySet().stream().noneMatch(k -> ChallengeChoice.matches(k, domain))) {
                errors.add(positions.fail(pointer, "no challenge for " + Quote.of(domain) + ": add default"));
            }
        }
    }

    private static <T> T attempt(List<Failure.BadInput> errors, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (Failure.BadInput e) {
            errors.add(e);
            return null;
        }
    }

    /** A map of names, not one way: it has {@code default}, or a key that is a name. */
    private static boolean isMap(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals(DEFAULT) || key.contains(".") || key.contains(":") || key.contains("*")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** One way to prove control, at {@code pointer}. */
    private ChallengeSpec single(JsonNode node, String pointer, String shown, String what) {
        Challenge challenge = present(node) == null ? null : WantListLoader.challenge(node, pointer, shown, positions);
        if (challenge == null || challenge.ways() != 1) {
            throw positions.fail(pointer, what + ": " + WAYS);
        }
        if (challenge.webroot() != null) {
            return new ChallengeSpec.Webroot(webroot(challenge.webroot(), pointer + "/webroot"));
        }
        if (challenge.dns() != null) {
            return new ChallengeSpec.Dns01(new DnsSettings(positions).publisher(challenge.dns(), pointer + "/dns"));
        }
        if (challenge.dnsPersist() != null) {
            return new ChallengeSpec.DnsPersist01(new DnsSettings(positions).publisher(challenge.dnsPersist(),
                    pointer + "/dns-persist"));
        }
        try {
            if (challenge.tlsAlpn() != null) {
                return new ChallengeSpec.TlsAlpn(Layers.first(challenge.tlsAlpn().port(),
                        ChallengeSpec.TlsAlpn.DEFAULT_PORT), challenge.tlsAlpn().address());
            }
            return new ChallengeSpec.Standalone(Layers.first(challenge.standalone().port(),
                    ChallengeSpec.Standalone.DEFAULT_PORT), challenge.standalone().address());
        } catch (Failure.BadInput e) {
            throw positions.fail(pointer + (challenge.tlsAlpn() != null ? "/tls-alpn/port" : "/standalone/port"),
                    e.getMessage());
        }
    }

    private Path webroot(String given, String pointer) {
        try {
            return Folders.existing(given, "webroot");
        } catch (Failure.BadInput e) {
            throw positions.fail(pointer, e.getMessage());
        }
    }
}
