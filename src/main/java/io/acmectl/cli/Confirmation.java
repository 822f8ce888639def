package io.acmectl.cli;

import io.acmectl.core.Failure;
import java.io.Console;
import java.util.Locale;

/** A yes/no question on the terminal; with no terminal there is nobody to ask, so it is an error. */
final class Confirmation {
    private Confirmation() {}

    static boolean ask(String question) {
        Console console = System.console();
        if (console == null) {
            throw new Failure.BadInput("this cannot be undone and there is no terminal to confirm it on: "
                    + "pass --yes");
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
