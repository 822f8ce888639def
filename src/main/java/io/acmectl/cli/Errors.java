package io.acmectl.cli;

import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Every failure ends as one line on stderr and an exit code; a stack trace only with --verbose. */
final class Errors {
    /** The last guard of "one line": a message that still holds a newline or a whole file is cut here. */
    private static final int MAX_LINE = 1000;

    private Errors() {}

    static int onUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("acmectl: " + Quote.cut(e.getMessage(), MAX_LINE));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE.code;
    }

    static int onFailure(Exception e, CommandLine command, boolean verbose) {
        PrintWriter err = command.getErr();
        if (verbose) {
            e.printStackTrace(err);
        }
        if (e instanceof Failure known) {
            err.println("acmectl: error: " + Quote.cut(known.getMessage(), MAX_LINE));
            return ExitCode.of(known).code;
        }
        err.println("acmectl: internal error: " + Quote.cut(String.valueOf(e), MAX_LINE)
                + (verbose ? "" : " (run with --verbose for details)"));
        return ExitCode.INTERNAL.code;
    }
}
