package io.acmectl.cli;

import picocli.CommandLine.Option;

/** The rate guard's options, on the commands that order certificates ({@code issue}, {@code renew}). */
final class RateGuardOptions {
    @Option(names = "--rate-limits", paramLabel = "LIMITS", converter = OptionValues.RateLimitsText.class,
            description = "What acmectl lets itself ask of a CA before the CA would refuse: auto (Let's Encrypt's "
                    + "published limits for its servers, none elsewhere; the default), letsencrypt, none, or "
                    + "numbers such as duplicates=2,new-orders=10. Overrides the want list's rate-limits.")
    String rateLimits;

    @Option(names = "--ignore-rate-guard", description = "Order even what the rate guard would hold back, this "
            + "once (the orders are still counted).")
    boolean ignore;
}
