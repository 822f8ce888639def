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

    @Test
    void theCommandIsTheFirstWordThatIsNoOptionNorItsValue() {
        assertEquals("renew", Subcommands.named(new String[] {"renew", "--all"}));
        assertEquals("renew", Subcommands.named(new String[] {"--config-dir", "/etc/x", "-v", "renew", "--all"}));
        assertEquals("issue", Subcommands.named(new String[] {"--server=pebble", "--account", "1", "issue", "a.test"}));
        assertNull(Subcommands.named(new String[] {"--help"}));
        assertNull(Subcommands.named(new String[] {"@args.txt"}));
    }

    @Test
    void helpAndUnknownWordsGetEveryCommand() {
        for (String[] args : List.of(new String[] {"help", "renew"}, new String[] {"renw"}, new String[] {})) {
            CommandLine root = new CommandLine(new AcmectlCommand());
            Subcommands.addTo(root, args);
            assertEquals(11, root.getSubcommands().size(), String.join(" ", args)); // 10 and the alias list
        }
    }
}
