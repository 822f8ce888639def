package io.acmectl.cli;

import io.acmectl.core.CaServer;
import io.acmectl.core.StoredAccount;
import io.acmectl.core.WantList;
import io.acmectl.flow.AccountFlow;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.CertificateListing;
import io.acmectl.flow.IssueFlow;
import io.acmectl.flow.RevokeFlow;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns the flows' typed results into what a run prints: one implementation per output format
 * ({@link TextPrinter} for people, {@link JsonPrinter} for scripts), chosen once by {@link Printers}.
 * Commands call these and print nothing themselves. The methods that return an int return the
 * command's exit code, which every format derives the same way ({@link ExitCode}).
 */
interface Printer {
    /** How a printer was asked to speak: {@code verbosity} -1 quiet, 0 normal, 1 and 2 verbose. */
    record Settings(int verbosity, boolean terminal) {
        boolean quiet() {
            return verbosity < 0;
        }
    }

    /** {@code issue} of one certificate: its outcome and the deploy hooks that failed. */
    int issued(IssueFlow.Result result);

    /**
     * A run over many certificates ({@code issue --all}, {@code renew}), with the invalid want-list
     * entries it left out, each counted as failed.
     */
    int batch(BatchResult result, List<WantList.Rejected> leftOut);

    /**
     * The want list's invalid entries: {@code stopping} stop this run (the command then returns {@link
     * #stopped}), the others are left out of it.
     */
    void rejected(List<WantList.Rejected> rejected, List<WantList.Rejected> stopping);

    /** The run stops because of these invalid entries (after {@link #rejected}); returns the exit code. */
    int stopped(List<WantList.Rejected> stopping);

    void listing(CertificateListing.Listing listing, Path store);

    void revoked(RevokeFlow.Target target, RevokeFlow.Request request, RevokeFlow.Outcome outcome);

    void servers(Map<String, URI> aliases);

    void account(AccountFlow.Details details, CaServer server);

    /** {@code register} ({@code recovered} false) or {@code recover}. */
    void registered(AccountFlow.Registered registered, CaServer server, boolean recovered);

    /** {@code account update}, {@code rollover} or {@code deactivate} changed the account. */
    void accountChanged(AccountChange change, StoredAccount account);

    /** What a command did to an account; {@code keyType} is set for a rollover. */
    record AccountChange(Kind kind, String keyType) {
        enum Kind { CONTACTS_UPDATED, KEY_ROLLED_OVER, DEACTIVATED }

        static AccountChange contactsUpdated() {
            return new AccountChange(Kind.CONTACTS_UPDATED, null);
        }

        static AccountChange keyRolledOver(String keyType) {
            return new AccountChange(Kind.KEY_ROLLED_OVER, keyType);
        }

        static AccountChange deactivated() {
            return new AccountChange(Kind.DEACTIVATED, null);
        }
    }

    /**
     * Where a command that has no shape of its own in every format writes its text: stdout for text;
     * stderr under JSON, so that stdout holds nothing but JSON documents. Give a new command a method
     * here instead.
     */
    java.io.PrintWriter out();

    /** For warnings and notes, one line each, that scripts reading stdout must not see. */
    java.io.PrintWriter err();

    /** What the reporting after a run could not do (the notify command, the metrics file): on stderr. */
    void reported(io.acmectl.flow.RunReporting.Result result);

    /** A command line picocli could not parse; {@code help} is the command's help hint. Returns the exit code. */
    int usageError(String message, String help);

    /** A command failed: a {@link io.acmectl.core.Failure}, or a bug. Returns the exit code. */
    int failure(Exception e);
}
