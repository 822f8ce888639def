package io.acmectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A run builds picocli's model of its own command only; it must still find the right one. */
class SubcommandsTest {
    @Test
    void theNamesAreThoseTheCommandsAnswerTo() {
        List<String> declared = new ArrayList<>();
        for (var command : Subcommands.ALL.values()) {
            Command annotation = command.get().getClass().getAnnotation(Command.class);
            declared.add(annotation.name());
        }
        assertEquals(List.copyOf(Subcommands.ALL.keySet()), declared);
        CommandLine root = new CommandLine(new AcmectlCommand());
        Subcommands.addTo(root, new String[] {"list"});
        assertEquals(List.of("certificates", "list"), List.copyOf(root.getSubcommands().keySet()));
    }

    private static String named(String... args) {
        return Subcommands.named(args, Subcommands.withValue(new CommandLine(new AcmectlCommand())));
    }

    @Test
    void theCommandIsTheFirstWordThatIsNoOptionNorItsValue() {
        assertEquals("renew", named("renew", "--all"));
        assertEquals("renew", named("--config-dir", "/etc/x", "-v", "renew", "--all"));
        assertEquals("issue", named("--server=pebble", "--account", "1", "issue", "a.test"));
        assertNull(named("--help"));
        assertNull(named("@args.txt"));
    }

    @Test
    void everyGlobalOptionThatTakesAValueIsSkipped() {
        // These came after a hand-kept list, which missed them: each made a run build every command.
        assertEquals("renew", named("--ca-validation-ports", "5002,5001", "--self-check-resolver", "127.0.0.1:8053",
                "--dns-resolver", "127.0.0.1:53", "--dns-propagation-timeout", "0",
                "renew", "--all"));
        assertEquals("renew", named("-q", "--no-self-check", "renew"));
    }

    @Test
    void aRenewBuildsTheRenewCommandOnlyWhateverGlobalOptionsComeFirst() {
        CommandLine root = new CommandLine(new AcmectlCommand());
        Subcommands.addTo(root, new String[] {"--ca-validation-ports", "5002,5001", "renew", "--all"});
        assertEquals(List.of("renew"), List.copyOf(root.getSubcommands().keySet()));
    }

    @Test
    void helpAndUnknownWordsGetEveryCommand() {
        for (String[] args : List.of(new String[] {"help", "renew"}, new String[] {"renw"}, new String[] {})) {
            CommandLine root = new CommandLine(new AcmectlCommand());
            Subcommands.addTo(root, args);
            // every command, and the alias list (counted from the registry: other branches add commands too)
            assertEquals(Subcommands.ALL.size() + 1, root.getSubcommands().size(), String.join(" ", args));
        }
    }
}
