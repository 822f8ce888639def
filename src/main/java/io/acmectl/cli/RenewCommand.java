package io.acmectl.cli;

import io.acmectl.core.CertificateName;
import io.acmectl.core.WantList;
import io.acmectl.flow.BatchResult;
import io.acmectl.flow.RenewFlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "renew", mixinStandardHelpOptions = true,
        description = "Renew the certificates that are due (by the CA's ARI window, else by lifetime).")
final class RenewCommand implements Callable<Integer> {
    /** certbot's habit: spread a fleet's cron runs over 8 minutes so they do not hit the CA at once. */
    private static final Duration MAX_SPREAD = Duration.ofMinutes(8);

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--all", required = true, description = "Every certificate in the store.")
        boolean all;

        @Option(names = "--cert-name", paramLabel = "NAME", required = true, converter = OptionValues.CertName.class,
                description = "This certificate (repeatable).")
        List<String> names = new ArrayList<>();
    }

    @Option(names = "--force", description = "Renew even what is not due.")
    boolean force;

    @Option(names = "--dry-run", description = "Order every selected certificate, due or not, from the CA's staging "
            + "twin (Let's Encrypt, Google) or the CA itself: nothing is stored, no hook runs.")
    boolean dryRun;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", converter = OptionValues.Parallel.class,
            description = "How many certificates at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin
    RateGuardOptions rateGuard;

    @Mixin
    ReportOptions report;

    @Option(names = "--no-random-sleep", description = "With --all not on a terminal: order at once instead of "
            + "after a random wait of up to 8 minutes.")
    boolean noRandomSleep;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        List<CertificateName> names = which.all ? List.of() : which.names.stream().map(CertificateName::of).toList();
        // Only an unattended run over every certificate spreads itself out; a named or forced one is a person.
        boolean spread = which.all && !force && !dryRun && !noRandomSleep && System.console() == null;
        WantList wantList = app.wantList(false);
        // Every error of the want list is shown; a certificate named here whose entry is invalid stops the run.
        List<WantList.Rejected> rejected = wantList == null ? List.of() : wantList.rejected();
        List<WantList.Rejected> named = wantList == null ? List.of() : wantList.rejected(names);
        app.printer().rejected(rejected, named);
        if (!named.isEmpty()) {
            return app.printer().stopped(named);
        }
        Supplier<BatchResult> run = () -> app.renew(rateGuard).renew(new RenewFlow.Request(names, force, dryRun,
                parallel, wantList, app.commandLineAccount(), spread ? MAX_SPREAD : Duration.ZERO));
        List<WantList.Rejected> leftOut = which.all ? rejected : List.of();
        // A dry run stores nothing and runs no hook: nor does it write metrics or notify anyone.
        return dryRun ? app.printer().batch(run.get(), leftOut) : report.run(app, "renew", wantList, leftOut, run);
    }
}
