package io.acmectl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmectl.core.StoredAccount;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.CertificateOutcome.Obtained;
import io.acmectl.hooks.HookFailure;
import io.acmectl.renewal.RenewalDecision;
import io.acmectl.store.LiveFiles;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shapes of the flows' records, as README's "Output for scripts" documents them: built field
 * by field, so a record that grows a field changes no script's input unless it is added here. Times
 * are ISO-8601 instants in UTC, enumerations camelCase words; a field that does not apply is null.
 */
final class JsonShapes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonShapes() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** An enum constant as a camelCase word: {@code THIRD_OF_LIFETIME} is {@code thirdOfLifetime}. */
    static String word(Enum<?> value) {
        String[] parts = value.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder word = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            word.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return word.toString();
    }

    static ObjectNode certificate(StoredCertificate c) {
        ObjectNode node = object().put("name", c.name().value());
        node.set("domains", strings(c.domains()));
        node.put("keyType", c.spec().key().type().id()).put("profile", c.spec().profile())
                .put("serial", c.serial()).put("version", c.version())
                .put("notBefore", time(c.notBefore())).put("notAfter", time(c.notAfter()))
                .put("server", c.spec().server().directory().toString()).put("account", c.accountUrl())
                .put("revokedAt", time(c.revokedAt())).put("revocationReason", c.revocationReason());
        return node;
    }

    static ObjectNode files(LiveFiles live) {
        return object().put("directory", live.directory().toString()).put("cert", live.cert().toString())
                .put("chain", live.chain().toString()).put("fullchain", live.fullchain().toString())
                .put("privkey", live.privkey().toString());
    }

    static ObjectNode decision(RenewalDecision decision) {
        return object().put("due", decision.due()).put("dueAt", time(decision.dueAt()))
                .put("basis", word(decision.basis())).put("windowStart", time(decision.windowStart()))
                .put("windowEnd", time(decision.windowEnd()));
    }

    static ObjectNode outcome(CertificateOutcome outcome) {
        ObjectNode node = object().put("name", outcome.name().value()).put("outcome", outcomeWord(outcome));
        if (outcome instanceof CertificateOutcome.Unverified unverified) {
            ObjectNode obtained = outcome(unverified.obtained());
            obtained.remove("name");
            node.setAll(obtained);
            node.put("outcome", "unverified").put("obtained", outcomeWord(unverified.obtained()))
                    .put("deployCheck", unverified.finding().describe());
        } else if (outcome instanceof Obtained obtained) {
            node.put("dryRun", obtained.dryRun());
            node.set("certificate", certificate(obtained.certificate()));
            node.set("files", obtained.dryRun() ? null : files(obtained.live()));
        } else if (outcome instanceof CertificateOutcome.Unchanged unchanged) {
            node.set("certificate", certificate(unchanged.certificate()));
        } else if (outcome instanceof CertificateOutcome.Redeployed redeployed) {
            node.set("certificate", certificate(redeployed.certificate()));
        } else if (outcome instanceof CertificateOutcome.NotDue notDue) {
            node.set("renewal", decision(notDue.decision()));
        } else if (outcome instanceof CertificateOutcome.Failed failed) {
            node.set("error", error(failed.cause()));
        } else {
            node.set("error", error(((CertificateOutcome.Skipped) outcome).cause()));
        }
        return node;
    }

    private static String outcomeWord(CertificateOutcome outcome) {
        if (outcome instanceof Obtained obtained) {
            return word(obtained.kind());
        }
        String simple = outcome.getClass().getSimpleName(); // Unchanged, NotDue, Redeployed, Failed, Skipped
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** {@code kind}, {@code message} and the {@code exitCode} the failure has on its own. */
    static ObjectNode error(Throwable e) {
        return error(ErrorKind.of(e), e instanceof io.acmectl.core.Failure ? e.getMessage()
                : "internal error: " + e + " (run with --verbose for details)", ErrorKind.exitCode(e));
    }

    static ObjectNode error(String kind, String message, int exitCode) {
        return object().put("kind", kind).put("message", message).put("exitCode", exitCode);
    }

    static ObjectNode hookFailure(HookFailure failure) {
        return object().put("stage", failure.stage().id()).put("command", failure.command())
                .put("kind", word(failure.kind()))
                .put("exitCode", failure.kind() == HookFailure.Kind.EXITED ? failure.exitCode() : null)
                .put("output", failure.output())
                .put("timeoutSeconds", failure.timeout() == null ? null : failure.timeout().toSeconds());
    }

    static ObjectNode rejected(WantList.Rejected entry) {
        ObjectNode node = object().put("name", entry.name());
        node.set("errors", strings(entry.errors()));
        return node;
    }

    static ObjectNode account(StoredAccount account) {
        ObjectNode node = object().put("id", account.id()).put("url", account.url().toString())
                .put("server", account.server()).put("status", account.status());
        node.set("contacts", strings(account.contacts()));
        return node;
    }
}
