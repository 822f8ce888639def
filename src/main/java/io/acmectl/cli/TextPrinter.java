package io.acmectl.cli;

import io.acmectl.core.CaServer;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.core.StoredAccount;
import io.acmectl.core.StoredCertificate;
import io.acmectl.core.WantList;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.flow.AccountFlow;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.CertificateListing;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.CertificateOutcome.Obtained;
import io.acmectl.flow.IssueFlow;
import io.acmectl.flow.RevokeFlow;
import io.acmectl.flow.RunReporting;
import io.acmectl.hooks.HookFailure;
import io.acmectl.renewal.RenewalDecision;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text people read: the one place that words results ({@link TextWords} has the words). Quiet
 * (-q), only errors, on stderr. A run over many certificates that nobody watches (no terminal, as
 * under cron) leaves out the certificates nothing happened to, unless -v: errors and the summary.
 */
final class TextPrinter implements Printer {
    private static final String BATCH_LINE = "%-24s %-16s %s%n";
    private static final String LISTING_LINE = "%-24s %-40s %-8s %-10s %-20s %5s  %s%n";
    /** How much of an invalid entry's name its line shows (it may be anything). */
    private static final int NAME_LENGTH = 64;
    /** The last guard of "one line": a message that still holds a newline or a whole file is cut here. */
    private static final int MAX_LINE = 1000;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Settings settings;

    TextPrinter(PrintWriter out, PrintWriter err, Settings settings) {
        this.out = out;
        this.err = err;
        this.settings = settings;
    }

    @Override
    public int issued(IssueFlow.Result result) {
        CertificateOutcome outcome = result.outcome();
        if (outcome instanceof CertificateOutcome.Unverified unverified) {
            outcome = unverified.obtained();
            err.println("acmectl: error: deploy check failed: " + unverified.finding().describe());
        }
        if (settings.quiet()) {
            // nothing to say: an issue that failed threw, and the hooks that failed follow on stderr
        } else if (outcome instanceof CertificateOutcome.Unchanged unchanged) {
            StoredCertificate c = unchanged.certificate();
            out.printf("Certificate %s is valid until %s and covers %s: nothing to do (--force to issue again).%n",
                    c.name(), c.notAfter(), String.join(", ", c.domains()));
        } else if (outcome instanceof Obtained obtained) {
            StoredCertificate c = obtained.certificate();
            out.printf("Issued certificate %s for %s, valid until %s.%nFiles: %s%n", c.name(),
                    String.join(", ", c.domains()), c.notAfter(), obtained.live().directory());
        }
        hookFailures(result.hookFailures());
        return ExitCode.of(result).code;
    }

    /**
     * A line per certificate, the hooks that failed, then the summary line. An invalid want-list entry
     * left out counts as failed: a run over all certificates that had to leave one out has failed (1),
     * as certbot's does for a broken renewal file, whatever else went right.
     */
    @Override
    public int batch(BatchResult result, List<WantList.Rejected> leftOut) {
        boolean everyLine = settings.terminal() || settings.verbosity() > 0;
        for (CertificateOutcome outcome : result.outcomes()) {
            if (settings.quiet()) {
                if (outcome instanceof CertificateOutcome.Failed || outcome instanceof CertificateOutcome.Skipped
                        || outcome instanceof CertificateOutcome.Unverified) {
                    err.println("acmectl: error: " + outcome.name() + ": " + Quote.cut(TextWords.detail(outcome),
                            MAX_LINE));
                }
            } else if (everyLine || !TextWords.uneventful(outcome)) {
                out.printf(BATCH_LINE, outcome.name(), TextWords.kind(outcome), TextWords.detail(outcome));
            }
        }
        for (WantList.Rejected entry : leftOut) {
            int count = entry.errors().size();
            String name = entry.name() == null ? "(no name)" : Quote.cut(entry.name(), NAME_LENGTH);
            String line = "invalid want-list entry, not attempted (" + count + (count == 1 ? " error" : " errors")
                    + " on stderr)";
            if (!settings.quiet()) {
                out.printf(BATCH_LINE, name, "failed", line);
            }
        }
        hookFailures(result.hookFailures());
        if (!settings.quiet()) {
            out.println(TextWords.summary(result, leftOut.size()));
        }
        return ExitCode.of(result, leftOut).code;
    }

    @Override
    public void reported(RunReporting.Result result) {
        TextWords.reportingProblems(result).forEach(err::println);
    }

    /**
     * Every error of the want list's invalid entries, a line each on stderr, in file order: those of
     * {@code stopping} as errors, the others as entries the run skips.
     */
    @Override
    public void rejected(List<WantList.Rejected> rejected, List<WantList.Rejected> stopping) {
        for (WantList.Rejected entry : rejected) {
            String whose = entry.name() == null ? "a certificate without a name"
                    : "certificate " + Quote.of(entry.name());
            for (String error : entry.errors()) {
                err.println(stopping.contains(entry) ? "acmectl: error: " + Quote.cut(error, MAX_LINE)
                        : "acmectl: " + Quote.cut(error, MAX_LINE) + " (" + whose + " skipped)");
            }
        }
    }

    @Override
    public int stopped(List<WantList.Rejected> stopping) {
        return ExitCode.USAGE.code; // each error is on stderr already
    }

    private void hookFailures(List<HookFailure> failures) {
        failures.forEach(failure -> err.println("acmectl: " + TextWords.describe(failure)));
    }

    @Override
    public void listing(CertificateListing.Listing listing, Path store) {
        out.printf(LISTING_LINE, "NAME", "DOMAINS", "KEY", "PROFILE", "NOT AFTER", "DAYS", "NEXT RENEWAL");
        for (CertificateListing.Entry entry : listing.entries()) {
            StoredCertificate c = entry.certificate();
            RenewalDecision decision = entry.decision();
            String why = TextWords.why(c, decision);
            String next = decision.dueAt() == null ? why
                    : (decision.due() ? "due now" : decision.dueAt().toString()) + " (" + why + ")";
            out.printf(LISTING_LINE, c.name(), String.join(",", c.domains()), c.spec().key().type().id(),
                    c.spec().profile() == null ? "-" : c.spec().profile(), c.notAfter(),
                    Duration.between(listing.now(), c.notAfter()).toDays(), next);
            if (c.renewal().lastFailure() != null) {
                out.printf("    last failure %s: %s%n", c.renewal().lastFailureAt(), c.renewal().lastFailure());
            }
        }
        if (listing.entries().isEmpty()) {
            out.println("No certificates in " + store);
        }
    }

    @Override
    public void revoked(RevokeFlow.Target target, RevokeFlow.Request request, RevokeFlow.Outcome outcome) {
        if (!settings.quiet()) {
            String names = String.join(", ", CertificateCheck.subjectAltNames(target.certificate()));
            out.printf(outcome == RevokeFlow.Outcome.REVOKED ? "Revoked the certificate for %s (reason: %s).%n"
                    : "The certificate for %s was already revoked; nothing to do (reason asked: %s).%n",
                    names, request.reason().id());
        }
    }

    @Override
    public void servers(Map<String, URI> aliases) {
        aliases.forEach((alias, url) -> out.printf("%-20s %s%n", alias, url));
    }

    @Override
    public void account(AccountFlow.Details details, CaServer server) {
        out.printf("Account:  %s%nServer:   %s%nStatus:   %s%nContacts: %s%nKey:      %s, thumbprint %s%n"
                        + "Orders:   %s%nStored:   %s%n", details.account().url(), server.directory(),
                details.status(), details.contacts().stream().map(Object::toString).collect(Collectors.joining(", ")),
                details.keyType().id(), details.thumbprint(), details.ordersUrl(), details.account().id());
    }

    @Override
    public void registered(AccountFlow.Registered registered, CaServer server, boolean recovered) {
        if (!settings.quiet()) {
            String how = recovered ? (registered.created() ? "Recovered" : "Already in the store:")
                    : (registered.created() ? "Registered" : "Already registered:");
            out.printf("%s account %s at %s%n", how, registered.account().url(), server.directory());
        }
    }

    @Override
    public void accountChanged(AccountChange change, StoredAccount account) {
        if (settings.quiet()) {
            return;
        }
        switch (change.kind()) {
            case CONTACTS_UPDATED -> out.printf("Contacts of %s are now: %s%n", account.url(),
                    account.contacts().isEmpty() ? "(none)" : String.join(", ", account.contacts()));
            case KEY_ROLLED_OVER -> out.printf("Account %s now signs with a new %s key (the old one is kept as "
                    + "account.key.old).%n", account.url(), change.keyType());
            case DEACTIVATED -> out.printf("Deactivated account %s.%n", account.url());
        }
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public PrintWriter err() {
        return err;
    }

    @Override
    public int usageError(String message, String help) {
        err.println("acmectl: " + Quote.cut(message, MAX_LINE));
        err.println(help);
        return ExitCode.USAGE.code;
    }

    @Override
    public int failure(Exception e) {
        if (settings.verbosity() > 0) {
            e.printStackTrace(err);
        }
        if (e instanceof Failure known) {
            err.println("acmectl: error: " + Quote.cut(known.getMessage(), MAX_LINE));
            return ExitCode.of(known).code;
        }
        err.println("acmectl: internal error: " + Quote.cut(String.valueOf(e), MAX_LINE)
                + (settings.verbosity() > 0 ? "" : " (run with --verbose for details)"));
        return ExitCode.INTERNAL.code;
    }
}
