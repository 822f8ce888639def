package io.acmectl.cli;

import io.acmectl.core.CertificateName;
import io.acmectl.flow.RenewFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "renew", mixinStandardHelpOptions = true,
        description = "Renew the certificates that are due (by the CA's ARI window, else by lifetime).")
final class RenewCommand implements Callable<Integer> {
    /** certbot's habit: spread a fleet's cron runs over 8 minutes so they do not hit the CA at once. */
    private static final int MAX_SLEEP_SECONDS = 480;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--all", required = true, description = "Every certificate in the store.")
        boolean all;

        @Option(names = "--cert-name", paramLabel = "NAME", required = true, description = "This certificate "
                + "(repeatable).")
        List<String> names = new ArrayList<>();
    }

    @Option(names = "--force", description = "Renew even what is not due.")
    boolean force;

    @Option(names = "--dry-run", description = "Go through the whole flow against the CA, but store nothing and "
            + "run no deploy hook.")
    boolean dryRun;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "How many certificates at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--no-random-sleep", description = "Start at once even when not run from a terminal.")
    boolean noRandomSleep;

    @Override
    public Integer call() throws InterruptedException {
        App app = AcmectlCommand.app(spec);
        List<CertificateName> names = which.all ? List.of() : which.names.stream().map(CertificateName::of).toList();
        RenewFlow.Request request = new RenewFlow.Request(names, force, dryRun, parallel, app.wantList(false));
        if (!noRandomSleep && !dryRun && System.console() == null) {
            int seconds = ThreadLocalRandom.current().nextInt(MAX_SLEEP_SECONDS + 1);
            app.printer().out().printf("Not on a terminal: sleeping %d s first (--no-random-sleep to skip).%n",
                    seconds);
            app.printer().out().flush();
            Thread.sleep(seconds * 1000L);
        }
        return app.printer().batch(app.renew().renew(request));
    }
}
