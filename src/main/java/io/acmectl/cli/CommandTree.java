package io.acmectl.cli;

import picocli.CommandLine;

/**
 * picocli's model of every command, as help sees it: what the shell completions and man pages are
 * generated from at build time (src/test/java/io/acmectl/packaging). A run builds only its own
 * command (Subcommands); this is for tools that describe them all.
 */
public final class CommandTree {
    private CommandTree() {}

    public static CommandLine full() {
        CommandLine root = new CommandLine(new AcmectlCommand());
        Subcommands.addTo(root, new String[0]);
        return root;
    }
}
