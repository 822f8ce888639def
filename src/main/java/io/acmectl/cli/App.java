package io.acmectl.cli;

import io.acmectl.acme.AccountClient;
import io.acmectl.acme.AcmeSessions;
import io.acmectl.acme.AriClient;
import io.acmectl.acme.OrderFlow;
import io.acmectl.acme.RevocationClient;
import io.acmectl.challenge.SolverRegistry;
import io.acmectl.core.PreflightChecks;
import io.acmectl.config.ConfigDirectory;
import io.acmectl.config.RateLimitValues;
import io.acmectl.core.CaServer;
import io.acmectl.core.Policy;
import io.acmectl.core.RateLimits;
import io.acmectl.core.WantList;
import io.acmectl.flow.AccountFlow;
import io.acmectl.flow.AccountRequest;
import io.acmectl.flow.BatchRunner;
import io.acmectl.flow.CertificateListing;
import io.acmectl.flow.CertificateObtainer;
import io.acmectl.flow.IssueFlow;
import io.acmectl.flow.OrderGuard;
import io.acmectl.flow.Progress;
import io.acmectl.flow.RenewFlow;
import io.acmectl.flow.RevokeFlow;
import io.acmectl.flow.RunReporting;
import io.acmectl.flow.WantLists;
import io.acmectl.hooks.HookRunner;
import io.acmectl.store.FileStore;
import io.acmectl.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * The services of one run, wired once from the global options. Each is made on first use: a command
 * that contacts no CA builds no TLS context, one that touches no store opens none.
 */
final class App {
    private static final String DEFAULT_SERVER = "letsencrypt";
    private static final Duration HOOK_TIMEOUT = Duration.ofMinutes(5);

    private final AcmectlCommand options;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private Printer printer;
    private Progress progress = Progress.NONE;
    private Store store;
    private AcmeSessions sessions;
    private AccountFlow accounts;
    private CertificateObtainer obtainer;
    private BatchRunner batches;
    private WantList wantList;
    private boolean wantListRead;

    /** {@code terminal}: a person watches (progress lines, every line of a run's table). */
    App(AcmectlCommand options, Clock clock, PrintWriter out, PrintWriter err, boolean terminal) {
        this.options = options;
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Chooses the run's printer and progress from the output options, once they are parsed. */
    void speak(String format, int verbosity) {
        printer = Printers.create(format, out, err, new Printer.Settings(verbosity, terminal));
        // -v shows the same lines as log lines on stderr; -q shows none
        progress = new RunProgress(terminal && verbosity == 0 ? err : null);
    }

    /** The printer chosen by {@link #speak}; before it (a command line that did not parse), one of this format. */
    Printer printer(String format) {
        if (printer == null) {
            printer = Printers.create(format, out, err, new Printer.Settings(0, terminal));
        }
        return printer;
    }

    Printer printer() {
        return printer(Printers.DEFAULT);
    }

    Clock clock() {
        return clock;
    }

    /** --server as given, else the default CA. */
    String serverName() {
        return options.server == null ? DEFAULT_SERVER : options.server;
    }

    CaServer server() {
        return CaServer.resolve(serverName());
    }

    /** --account: which of the server's accounts, or null for the default one. */
    String accountSelector() {
        return options.account;
    }

    /** The account options every command shares: only --account, which names an account to use. */
    AccountRequest commandLineAccount() {
        return new AccountRequest(java.util.List.of(), false, io.acmectl.core.KeyType.EC256, null, null,
                options.account);
    }

    Store store() {
        if (store == null) {
            store = new FileStore(ConfigDirectory.resolve(options.configDir, System.getenv(),
                    ConfigDirectory.runningAsRoot()));
        }
        return store;
    }

    private AcmeSessions sessions() {
        if (sessions == null) {
            sessions = new AcmeSessions(options.caBundle);
        }
        return sessions;
    }

    AccountFlow accounts() {
        if (accounts == null) {
            accounts = new AccountFlow(store(), new AccountClient(sessions()), clock);
        }
        return accounts;
    }

    private CertificateObtainer obtainer(RateGuardOptions rateGuard) {
        if (obtainer == null) {
            obtainer = new CertificateObtainer(store().lineages(), accounts(), new OrderFlow(sessions(), clock),
                    guard(rateGuard), clock, progress);
        }
        return obtainer;
    }

    /**
     * The run's policy (the want list's, for names from the command line too) and rate limits:
     * --rate-limits, else the want list's, else each CA's published ones.
     */
    private OrderGuard guard(RateGuardOptions options) {
        WantList wanted = wantList(false);
        RateLimits limits = options.rateLimits != null ? RateLimitValues.parse(options.rateLimits)
                : wanted == null ? null : wanted.rateLimits();
        return new OrderGuard(store().requestLogs(), wanted == null ? Policy.ANY : wanted.policy(),
                wanted == null ? null : wanted.file(), limits, options.ignore, clock);
    }

    private BatchRunner batches() {
        if (batches == null) {
            batches = new BatchRunner(SolverRegistry.standard(preflightChecks()), store().root().resolve("locks"),
                    new HookRunner(HOOK_TIMEOUT), io.acmectl.flow.DeployCheck.standard(), progress);
        }
        return batches;
    }

    /**
     * What is checked before the CA is asked to validate: the command line's options over the want
     * list's keys over the defaults.
     */
    PreflightChecks preflightChecks() {
        WantList wanted = wantList(false);
        PreflightChecks base = wanted == null || wanted.checks() == null ? PreflightChecks.DEFAULT : wanted.checks();
        return options.checks.over(base);
    }

    IssueFlow issue(RateGuardOptions rateGuard) {
        return new IssueFlow(store(), obtainer(rateGuard), batches(), clock);
    }

    RenewFlow renew(RateGuardOptions rateGuard) {
        return new RenewFlow(store(), obtainer(rateGuard), accounts(), new AriClient(sessions()), batches(), clock);
    }

    RevokeFlow revoke() {
        return new RevokeFlow(store(), new RevocationClient(sessions()), accounts(), clock);
    }

    /** The metrics file and the notify command after a run. */
    RunReporting reporting() {
        return new RunReporting(store(), clock);
    }

    CertificateListing listing() {
        return new CertificateListing(store(), clock);
    }

    /**
     * The want list named by --want, else the config directory's want.yaml, read once a run; null when
     * neither exists.
     */
    WantList wantList(boolean required) {
        if (!wantListRead || wantList == null && required) {
            wantList = new WantLists(store()).load(options.want, required, serverName());
            wantListRead = true;
        }
        return wantList;
    }
}
