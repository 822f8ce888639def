package io.acmectl.cli;

import io.acmectl.service.RenewService;

/** Prints what a run over many certificates did: a line each, then the summary line. */
final class Summaries {
    private Summaries() {}

    static int print(AcmectlCommand root, RenewService.Summary summary) {
        for (RenewService.Outcome outcome : summary.outcomes()) {
            root.out().printf("%-24s %-16s %s%n", outcome.name(),
                    outcome.kind() == RenewService.Kind.SKIPPED_LOCKED ? "skipped (locked)"
                            : outcome.kind().name().toLowerCase().replace('_', ' '), outcome.detail());
        }
        summary.hookFailures().forEach(failure -> root.spec.commandLine().getErr().println("acmectl: " + failure));
        root.out().println(summary.line());
        return summary.exitCode().code;
    }
}
