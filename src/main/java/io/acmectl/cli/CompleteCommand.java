package io.acmectl.cli;

import io.acmectl.core.CertificateName;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the shell completions (completions/) ask at TAB time, one word a line: {@code cert-names}, the
 * certificates in the store, after {@code --cert-name}. (The CA aliases are known when the scripts are
 * generated, so they are written into them.) Hidden: a user never types it. It reads directory names
 * only and creates nothing, so a TAB costs one JVM start; a failure prints nothing, as a completion
 * has no place for an error message.
 */
@Command(name = "__complete", hidden = true, description = "Words for the shell completions.")
final class CompleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "cert-names")
    String what;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        if (!"cert-names".equals(what)) {
            return ExitCode.USAGE.code;
        }
        var out = app.printer().out();
        try {
            app.store().lineages().names().stream().map(CertificateName::value).forEach(out::println);
        } catch (RuntimeException e) {
            return ExitCode.STORE.code; // an unreadable store completes nothing, and says nothing
        }
        out.flush();
        return ExitCode.OK.code;
    }
}
