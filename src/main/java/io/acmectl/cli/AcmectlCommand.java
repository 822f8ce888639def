package io.acmectl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: the global options, and the entry point that runs a command line. */
@Command(name = "acmectl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Gets and renews TLS certificates from any ACME (RFC 8555) certificate authority.")
public final class AcmectlCommand {
    @Spec
    CommandLine.Model.CommandSpec spec;

    private App app;

    @Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where accounts and certificates live (default: $ACMECTL_CONFIG_DIR, /etc/acmectl for "
                    + "root, else $XDG_CONFIG_HOME/acmectl).")
    Path configDir;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "ALIAS|URL",
            description = "The CA: letsencrypt (default), letsencrypt-staging, zerossl, google, pebble..., "
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

    @picocli.CommandLine.Mixin
    CheckOptions checks = new CheckOptions();

    @picocli.CommandLine.Mixin
    OutputOptions output = new OutputOptions();

    /** Runs a command line and returns the exit code; what tests call instead of {@code main}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemUTC());
    }

    /** The same with another clock: how tests make a certificate look old without waiting. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        // A person watches when the JVM has a console (stdin and stdout on a terminal); cron and pipes do not.
        return run(args, out, err, clock, System.console() != null);
    }

    /** The same, saying whether a person watches at a terminal (progress lines, every line of a run). */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock, boolean terminal) {
        AcmectlCommand root = new AcmectlCommand();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        root.app = new App(root, clock, outWriter, errWriter, terminal);
        CommandLine commandLine = new CommandLine(root);
        Subcommands.addTo(commandLine, args); // before the settings below, which reach only the commands added
        commandLine.setOut(outWriter)
                .setErr(errWriter)
                .setExecutionStrategy(new Speaking(root))
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new Failures());
        return commandLine.execute(args);
    }

    // picocli's interfaces are implemented by classes here, not lambdas: picocli's class files are of Java 5,
    // and a lambda of one links it while the class-data archive is made, which leaves it and the classes
    // built on it (RunLast among them) out of the archive, for every run to load and verify from the jar.

    /** Runs the command after setting up the run's logging and printer. */
    private static final class Speaking implements CommandLine.IExecutionStrategy {
        private final AcmectlCommand root;

        Speaking(AcmectlCommand root) {
            this.root = root;
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            root.speak(parsed);
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            return Errors.onUsageError(e, args);
        }
    }

    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
            return Errors.onFailure(e, command);
        }
    }

    /** The run's logging and printer, from the parsed output options. */
    private void speak(CommandLine.ParseResult parsed) {
        String format = output.format();
        if (Printers.refusal(format) != null) {
            throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), Printers.refusal(format));
        }
        Logging.configure(output.verbosity(), output.logFile(io.acmectl.config.ConfigDirectory.runningAsRoot()));
        app.speak(format, output.verbosity());
    }

    /** The run's services, from any command below the root. */
    static App app(CommandLine.Model.CommandSpec spec) {
        return ((AcmectlCommand) spec.root().userObject()).app;
    }
}
