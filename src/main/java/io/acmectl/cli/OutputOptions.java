package io.acmectl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global options that say how a run speaks: the output format (text for people, JSON for
 * scripts), how much it logs, and where its log file is.
 */
final class OutputOptions {
    static final Path DEFAULT_LOG_FILE = Path.of("/var/log/acmectl/acmectl.log");

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON document on stdout (README: \"Output for scripts\"); errors too.")
    boolean json;

    @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "text (default) or json; --json is short for --format json.")
    String format;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only errors (a listing still prints what it lists).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "-v: log each step, and show stack traces of errors; -vv: also the CA's HTTP exchanges "
                    + "(never their signed bodies or keys).")
    boolean[] verbose = new boolean[0];

    @Option(names = "--log-file", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "Also log to this file, rotated at 10 MiB, 5 kept (default for root: "
                    + "/var/log/acmectl/acmectl.log if its folder is writable; else none).")
    Path logFile;

    /** The format asked for: --json wins over --format. */
    String format() {
        return json ? "json" : format == null ? Printers.DEFAULT : format;
    }

    /**
     * --log-file, else for root the default when its folder exists and is writable (the package makes
     * it), else none (null).
     */
    Path logFile(boolean root) {
        if (logFile != null) {
            return logFile;
        }
        Path folder = DEFAULT_LOG_FILE.getParent();
        return root && Files.isDirectory(folder) && Files.isWritable(folder) ? DEFAULT_LOG_FILE : null;
    }

    int verbosity() {
        return quiet ? -1 : verbose.length;
    }

    /**
     * The format a command line asks for, read from its words: what a usage error is printed in, when
     * picocli stopped before it set the options.
     */
    static String formatOf(String[] args) {
        for (int i = 0; i < args.length && !"--".equals(args[i]); i++) {
            if ("--json".equals(args[i]) || "--format=json".equals(args[i])
                    || "--format".equals(args[i]) && i + 1 < args.length && "json".equals(args[i + 1])) {
                return "json";
            }
        }
        return Printers.DEFAULT;
    }
}
