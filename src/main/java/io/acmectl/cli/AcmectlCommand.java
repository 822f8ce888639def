package io.acmectl.cli;

import io.acmectl.acme.AcmeSessions;
import io.acmectl.acme.CaServer;
import io.acmectl.acme.OrderFlow;
import io.acmectl.acme.Poller;
import io.acmectl.config.ConfigDirectory;
import io.acmectl.service.AccountService;
import io.acmectl.acme.AriClient;
import io.acmectl.config.WantList;
import io.acmectl.hooks.HookRunner;
import io.acmectl.renewal.RenewalPolicy;
import io.acmectl.service.IssueService;
import io.acmectl.service.RenewService;
import io.acmectl.service.WantLists;
import io.acmectl.service.Issuer;
import io.acmectl.service.RevokeService;
import io.acmectl.store.Store;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "acmectl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Gets and renews TLS certificates from any ACME (RFC 8555) certificate authority.",
        subcommands = {RegisterCommand.class, RecoverCommand.class, AccountCommand.class, IssueCommand.class,
            RenewCommand.class, CertificatesCommand.class, RevokeCommand.class, ServersCommand.class,
            CommandLine.HelpCommand.class})
public final class AcmectlCommand {
    @Spec
    CommandLine.Model.CommandSpec spec;

    private static final String DEFAULT_SERVER = "letsencrypt";
    private static final java.time.Duration HOOK_TIMEOUT = java.time.Duration.ofMinutes(5);

    private Clock clock = Clock.systemUTC();
    // One of each per run, made on first use: commands that contact no CA build no TLS context.
    private Store store;
    private AcmeSessions sessions;
    private AccountService accounts;

    @Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where accounts and certificates live (default: $ACMECTL_CONFIG_DIR, /etc/acmectl for "
                    + "root, else $XDG_CONFIG_HOME/acmectl).")
    Path configDir;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "ALIAS|URL",
            description = "The CA: letsencrypt (default), letsencrypt-staging, zerossl, buypass, google, pebble..., "
                    + "or an https directory URL. For a want list, the server of entries that name none.")
    String server;

    @Option(names = "--ca-bundle", scope = ScopeType.INHERIT, paramLabel = "PEM",
            description = "Also trust these CA certificates for the CA's own TLS (a private CA, Pebble).")
    Path caBundle;

    @Option(names = "--want", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The want list (default: want.yaml in the config directory, if it exists).")
    Path want;

    @Option(names = "--account", scope = ScopeType.INHERIT, paramLabel = "ID|URL",
            description = "Which of the server's accounts to use, when the store holds several.")
    String account;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log what is done, and show stack traces of errors.")
    boolean verbose;

    /** Runs a command line and returns the exit code; what tests call instead of {@code main}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemUTC());
    }

    /** The same with another clock: how tests make a certificate look old without waiting. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        AcmectlCommand root = new AcmectlCommand();
        root.clock = clock;
        CommandLine commandLine = new CommandLine(root)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionStrategy(parsed -> {
                    Logging.configure(root.verbose);
                    org.slf4j.LoggerFactory.getLogger(AcmectlCommand.class).debug("command line parsed");
                    return new CommandLine.RunLast().execute(parsed);
                })
                .setParameterExceptionHandler(Errors::onUsageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> Errors.onFailure(e, cmd, root.verbose));
        return commandLine.execute(args);
    }

    Clock clock() {
        return clock;
    }

    Store store() {
        if (store == null) {
            store = new Store(ConfigDirectory.resolve(configDir, System.getenv(), ConfigDirectory.runningAsRoot()));
        }
        return store;
    }

    CaServer server() {
        return CaServer.resolve(serverName());
    }

    /** --server as given, else the default CA. */
    private String serverName() {
        return server == null ? DEFAULT_SERVER : server;
    }

    /** The root command's options, from any command below it. */
    static AcmectlCommand of(CommandLine.Model.CommandSpec spec) {
        return (AcmectlCommand) spec.root().userObject();
    }

    AcmeSessions sessions() {
        if (sessions == null) {
            sessions = new AcmeSessions(caBundle);
        }
        return sessions;
    }

    AccountService accountService() {
        if (accounts == null) {
            accounts = new AccountService(store(), sessions(), clock);
        }
        return accounts;
    }

    Issuer issuer() {
        return new Issuer(store(), accountService(), new OrderFlow(Poller.standard(clock)), clock);
    }

    IssueService issueService() {
        return new IssueService(store(), issuer(), clock);
    }

    RenewService renewService() {
        return new RenewService(store(), issuer(), issueService(), accountService(), new AriClient(),
                new RenewalPolicy(), new HookRunner(HOOK_TIMEOUT), clock);
    }

    /** The want list named by --want, else the config directory's want.yaml; null when neither exists. */
    WantList wantList(boolean required) {
        return WantLists.load(store(), want, required, serverName());
    }

    RevokeService revokeService() {
        return new RevokeService(store(), sessions(), accountService(), clock);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
