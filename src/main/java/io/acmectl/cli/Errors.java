package io.acmectl.cli;

import io.acmectl.core.Failure;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Every failure ends as one line on stderr and an exit code; a stack trace only with --verbose. */
final class Errors {
    private Errors() {}

    static int onUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("acmectl: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE.code;
    }

    static int onFailure(Exception e, CommandLine command, boolean verbose) {
        PrintWriter err = command.getErr();
        if (verbose) {
            e.printStackTrace(err);
        }
        if (e instanceof Failure known) {
            err.println("acmectl: error: " + known.getMessage());
            return ExitCode.of(known).code;
        }
        err.println("acmectl: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
        return ExitCode.INTERNAL.code;
    }
}
