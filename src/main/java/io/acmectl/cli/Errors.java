package io.acmectl.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Every failure ends as an exit code and what the run's printer makes of it: one line on stderr
 * (a stack trace only with --verbose), or a JSON error document.
 */
final class Errors {
    private Errors() {}

    static int onUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        // The options may not be set yet: the format is read from the words of the command line.
        return AcmectlCommand.app(command.getCommandSpec()).printer(OutputOptions.formatOf(args)).usageError(
                e.getMessage(), "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    }

    static int onFailure(Exception e, CommandLine command) {
        return AcmectlCommand.app(command.getCommandSpec()).printer().failure(e);
    }
}
