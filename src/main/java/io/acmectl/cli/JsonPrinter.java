package io.acmectl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmectl.core.CaServer;
import io.acmectl.core.StoredAccount;
import io.acmectl.core.WantList;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.flow.AccountFlow;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.CertificateListing;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.CertificateOutcome.Obtained;
import io.acmectl.flow.IssueFlow;
import io.acmectl.flow.RevokeFlow;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Output for scripts: exactly one JSON document on stdout per run, success or failure, each with
 * {@code schemaVersion} (README: "Output for scripts" has every shape). The want list's errors and
 * the hooks that failed are in the document, not on stderr; logs stay on stderr whatever the
 * verbosity. A field is never removed or renamed within a schema version.
 */
final class JsonPrinter implements Printer {
    static final int SCHEMA_VERSION = 1;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Settings settings;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final List<WantList.Rejected> rejected = new ArrayList<>();

    JsonPrinter(PrintWriter out, PrintWriter err, Settings settings) {
        this.out = out;
        this.err = err;
        this.settings = settings;
    }

    @Override
    public int issued(IssueFlow.Result result) {
        return batch(new BatchResult(List.of(result.outcome()), result.hookFailures()), List.of(),
                ExitCode.of(result).code);
    }

    @Override
    public int batch(BatchResult result, List<WantList.Rejected> leftOut) {
        return batch(result, leftOut, ExitCode.of(result, leftOut).code);
    }

    private int batch(BatchResult result, List<WantList.Rejected> leftOut, int exitCode) {
        ObjectNode document = document();
        ArrayNode certificates = document.putArray("certificates");
        result.outcomes().forEach(outcome -> certificates.add(JsonShapes.outcome(outcome)));
        ArrayNode invalid = document.putArray("invalidEntries");
        rejected.forEach(entry -> invalid.add(JsonShapes.rejected(entry).put("leftOut", leftOut.contains(entry))));
        ArrayNode hooks = document.putArray("hookFailures");
        result.hookFailures().forEach(failure -> hooks.add(JsonShapes.hookFailure(failure)));
        document.putObject("summary").put("issued", result.count(Obtained.Kind.ISSUED))
                .put("renewed", result.count(Obtained.Kind.RENEWED))
                .put("notDue", result.count(CertificateOutcome.NotDue.class)
                        + result.count(CertificateOutcome.Unchanged.class)
                        + result.count(CertificateOutcome.Redeployed.class))
                .put("failed", result.count(CertificateOutcome.Failed.class) + leftOut.size())
                .put("skipped", result.count(CertificateOutcome.Skipped.class))
                .put("unverified", result.count(CertificateOutcome.Unverified.class))
                .put("hookFailures", result.hookFailures().size());
        document.put("exitCode", exitCode);
        return print(document, exitCode);
    }

    /** Kept for the document: every invalid entry, whether it stops the run or is left out of it. */
    @Override
    public void rejected(List<WantList.Rejected> all, List<WantList.Rejected> stopping) {
        rejected.addAll(all);
    }

    @Override
    public int stopped(List<WantList.Rejected> stopping) {
        WantList.Rejected first = stopping.get(0);
        ObjectNode error = JsonShapes.error(ErrorKind.BAD_INPUT,
                first.errors().isEmpty() ? "invalid want-list entry" : first.errors().get(0), ExitCode.USAGE.code);
        ArrayNode entries = error.putArray("invalidEntries");
        stopping.forEach(entry -> entries.add(JsonShapes.rejected(entry)));
        ObjectNode document = document();
        document.set("error", error);
        return print(document, ExitCode.USAGE.code);
    }

    @Override
    public void listing(CertificateListing.Listing listing, Path store) {
        ObjectNode document = document().put("store", store.toString()).put("now", JsonShapes.time(listing.now()));
        ArrayNode certificates = document.putArray("certificates");
        for (CertificateListing.Entry entry : listing.entries()) {
            ObjectNode node = JsonShapes.certificate(entry.certificate());
            node.put("daysLeft", Duration.between(listing.now(), entry.certificate().notAfter()).toDays());
            node.set("renewal", JsonShapes.decision(entry.decision()));
            var renewal = entry.certificate().renewal();
            node.set("lastFailure", renewal.lastFailure() == null ? null : JsonShapes.object()
                    .put("at", JsonShapes.time(renewal.lastFailureAt())).put("message", renewal.lastFailure()));
            node.put("caRetryAfter", JsonShapes.time(renewal.caRetryAfter()));
            certificates.add(node);
        }
        print(document, 0);
    }

    @Override
    public void revoked(RevokeFlow.Target target, RevokeFlow.Request request, RevokeFlow.Outcome outcome) {
        ObjectNode document = document();
        ObjectNode revocation = document.putObject("revocation").put("outcome", JsonShapes.word(outcome))
                .put("serial", target.certificate().getSerialNumber().toString(16))
                .put("name", target.lineage().map(c -> c.name().value()).orElse(null))
                .put("reason", request.reason().id());
        revocation.set("domains", JsonShapes.strings(List.copyOf(CertificateCheck.subjectAltNames(target.certificate()))));
        print(document, 0);
    }

    @Override
    public void servers(Map<String, URI> aliases) {
        ObjectNode document = document();
        ArrayNode servers = document.putArray("servers");
        aliases.forEach((alias, url) -> servers.add(JsonShapes.object().put("alias", alias)
                .put("directory", url.toString())));
        print(document, 0);
    }

    @Override
    public void account(AccountFlow.Details details, CaServer server) {
        ObjectNode document = document();
        ObjectNode account = JsonShapes.account(details.account()).put("status", details.status())
                .put("keyType", details.keyType().id())
                .put("thumbprint", details.thumbprint()).put("orders", details.ordersUrl());
        account.set("contacts", JsonShapes.strings(details.contacts().stream().map(URI::toString).toList()));
        document.set("account", account);
        print(document, 0);
    }

    @Override
    public void registered(AccountFlow.Registered registered, CaServer server, boolean recovered) {
        ObjectNode document = document().put("created", registered.created());
        document.set("account", JsonShapes.account(registered.account()));
        print(document, 0);
    }

    @Override
    public void accountChanged(AccountChange change, StoredAccount account) {
        ObjectNode document = document().put("change", JsonShapes.word(change.kind()));
        document.set("account", JsonShapes.account(account).put("keyType", change.keyType()));
        print(document, 0);
    }

    @Override
    public int usageError(String message, String help) {
        ObjectNode document = document();
        document.set("error", JsonShapes.error(ErrorKind.USAGE, message, ExitCode.USAGE.code));
        return print(document, ExitCode.USAGE.code);
    }

    @Override
    public int failure(Exception e) {
        if (settings.verbosity() > 0) {
            e.printStackTrace(err);
        }
        ObjectNode document = document();
        document.set("error", JsonShapes.error(e));
        return print(document, ErrorKind.exitCode(e));
    }

    /** A command without a JSON shape of its own writes its text to stderr: stdout stays JSON only. */
    @Override
    public PrintWriter out() {
        return err;
    }

    @Override
    public PrintWriter err() {
        return err;
    }

    /** After the run's document: stdout holds one document, so what reporting could not do goes to stderr. */
    @Override
    public void reported(io.acmectl.flow.RunReporting.Result result) {
        TextWords.reportingProblems(result).forEach(err::println);
    }

    private ObjectNode document() {
        return JsonShapes.object().put("schemaVersion", SCHEMA_VERSION);
    }

    private int print(ObjectNode document, int exitCode) {
        try {
            out.println(mapper.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
        out.flush();
        return exitCode;
    }
}
