package io.acmectl.cli;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The root's subcommands. picocli builds its model of a command by reflection over all of its
 * options, a sixth of a run that finds nothing to renew when done for every command: a run builds
 * the one it runs. Help, and a command line whose command is not plain to see (a typo, an argument
 * file), get all of them, in the order help lists them.
 */
final class Subcommands {
    /** By name and alias, as the classes' {@code @Command} say (SubcommandsTest checks). */
    static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("register", RegisterCommand::new);
        ALL.put("recover", RecoverCommand::new);
        ALL.put("account", AccountCommand::new);
        ALL.put("issue", IssueCommand::new);
        ALL.put("renew", RenewCommand::new);
        ALL.put("certificates", CertificatesCommand::new);
        ALL.put("revoke", RevokeCommand::new);
        ALL.put("delete", DeleteCommand::new);
        ALL.put("import", ImportCommand::new);
        ALL.put("servers", ServersCommand::new);
        ALL.put("dns-persist", DnsPersistCommand::new);
        // A lambda, not HelpCommand::new: a reference links picocli's Java 5 class while the class-data
        // archive is made, which leaves it out (see AcmectlCommand).
        ALL.put("help", () -> new CommandLine.HelpCommand());
        ALL.put("__complete", CompleteCommand::new);
    }

    private Subcommands() {}

    static void addTo(CommandLine root, String[] args) {
        String name = named(args, withValue(root));
        Supplier<Object> one = "help".equals(name) ? null : ALL.get("list".equals(name) ? "certificates" : name);
        if (one != null) {
            root.addSubcommand(one.get());
            return;
        }
        ALL.values().forEach(command -> root.addSubcommand(command.get()));
    }

    /**
     * The names of the root's options that take a value, from its model (not a list kept by hand: one
     * option forgotten there made every run build every command): the word after one is not a command.
     */
    static Set<String> withValue(CommandLine root) {
        Set<String> names = new HashSet<>();
        for (CommandLine.Model.OptionSpec option : root.getCommandSpec().options()) {
            if (option.arity().max() > 0) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    /** The first word that is neither an option nor an option's value; null if there is none. */
    static String named(String[] args, Set<String> withValue) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@")) {
                return null; // an argument file, which picocli reads
            }
            if (withValue.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
