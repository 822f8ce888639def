package io.acmectl.cli;

import io.acmectl.core.CertificateName;
import io.acmectl.core.CertificateSpec;
import io.acmectl.core.ChallengeChoice;
import io.acmectl.core.Failure;
import io.acmectl.core.Hooks;
import io.acmectl.core.KeySpec;
import io.acmectl.core.KeyType;
import io.acmectl.core.WantList;
import io.acmectl.flow.CertificateOutcome;
import io.acmectl.flow.IssueFlow;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "issue", mixinStandardHelpOptions = true, description = "Get a certificate for one or more names, unless a valid one exists.")
final class IssueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Domain names; the first names the certificate.")
    List<String> names = new java.util.ArrayList<>();

    @Option(names = "--all", description = "Get every certificate of the want list that is missing, or whose names "
            + "or key type changed.")
    boolean all;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", converter = OptionValues.Parallel.class,
            description = "With --all: how many certificates at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--cert-name", paramLabel = "NAME", converter = OptionValues.CertName.class,
            description = "Name of the certificate in the store.")
    String certName;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec256", converter = KeyTypeConverter.class,
            description = "Certificate key: ec256, ec384, rsa2048, rsa3072, rsa4096 (default: ${DEFAULT-VALUE}).")
    KeyType keyType;

    @Option(names = "--force", description = "Issue again even if a valid certificate for these names exists.")
    boolean force;

    @Option(names = "--dry-run", description = "Order from the CA's staging twin (Let's Encrypt, Google) or the "
            + "CA itself, store nothing, run no hook.")
    boolean dryRun;

    @Option(names = "--reuse-key", description = "Keep the certificate's key when it is renewed.")
    boolean reuseKey;

    @Option(names = "--profile", paramLabel = "NAME", converter = OptionValues.Profile.class,
            description = "The CA's certificate profile (classic, tlsserver, shortlived...), kept on renewal.")
    String profile;

    @Option(names = "--preferred-chain", paramLabel = "ISSUER_CN", converter = IssuerName.class,
            description = "Of the chains the CA offers, take the one whose top certificate is issued by this "
                    + "common name (else the CA's default), kept on renewal.")
    String preferredChain;

    @Option(names = "--deploy-hook", paramLabel = "COMMAND",
            description = "Run after the certificate is issued or renewed (/bin/sh -c; repeatable).")
    List<String> deployHooks = new java.util.ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ChallengeOptions challenge;

    @Mixin
    AccountOptions account;

    @Mixin
    RateGuardOptions rateGuard;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        if (all) {
            if (!names.isEmpty() || challenge != null || dryRun) {
                throw new Failure.BadInput("issue --all takes names and challenges from the want list, not the "
                        + "command line (and has no --dry-run: use renew --all --dry-run)");
            }
            if (!given().isEmpty() || certName != null) {
                // accepted and ignored would be worse than refused: each certificate's settings are its entry's
                throw new Failure.BadInput("issue --all takes each certificate's settings (--cert-name, --key-type, "
                        + "--reuse-key, --profile, --deploy-hook, --preferred-chain) from its want-list entry");
            }
            WantList wantList = app.wantList(true);
            // Every error is shown; the valid entries go ahead unless there is none.
            boolean noneValid = wantList.certificates().isEmpty() && !wantList.rejected().isEmpty();
            app.printer().rejected(wantList.rejected(), noneValid ? wantList.rejected() : List.of());
            if (noneValid) {
                return app.printer().stopped(wantList.rejected());
            }
            return report.run(app, "issue --all", wantList, wantList.rejected(), () -> app.issue(rateGuard)
                    .issueAll(wantList, parallel, force, account.request(KeyType.EC256, null, app.accountSelector())));
        }
        if (report.metricsFile != null) {
            throw new Failure.BadInput("--metrics-file goes with issue --all and renew, the runs that report");
        }
        if (names.isEmpty() || challenge == null) {
            throw new Failure.BadInput("name the domains and a challenge (--webroot DIR, --standalone, --tls-alpn or --dns-hook COMMAND), or use "
                    + "--all with a want list");
        }
        CertificateSpec certificate = CertificateSpec.builder(app.server(), names, ChallengeChoice.of(challenge.spec()))
                .key(new KeySpec(keyType, reuseKey)).profile(profile).preferredChain(preferredChain)
                .hooks(new Hooks(List.of(), List.of(), deployHooks)).build();
        IssueFlow.Result result = app.issue(rateGuard).issue(new IssueFlow.Request(
                certName == null ? null : CertificateName.of(certName), certificate, given(),
                account.request(KeyType.EC256, null, app.accountSelector()), force, dryRun));
        return app.printer().issued(result);
    }

    /** The settings typed on this command line; the others stay as the lineage has them. */
    private Set<IssueFlow.Setting> given() {
        Map<String, IssueFlow.Setting> options = Map.of("--key-type", IssueFlow.Setting.KEY_TYPE,
                "--reuse-key", IssueFlow.Setting.REUSE_KEY, "--profile", IssueFlow.Setting.PROFILE,
                "--deploy-hook", IssueFlow.Setting.DEPLOY_HOOKS, "--preferred-chain", IssueFlow.Setting.PREFERRED_CHAIN);
        Set<IssueFlow.Setting> given = EnumSet.noneOf(IssueFlow.Setting.class);
        options.forEach((option, setting) -> {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                given.add(setting);
            }
        });
        return given;
    }

    /** --preferred-chain: the want list's rule for preferred-chain. */
    static final class IssuerName implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!io.acmectl.config.ValueRules.isIssuerName(value)) {
                throw new picocli.CommandLine.TypeConversionException(io.acmectl.core.Quote.of(value) + " is not "
                        + io.acmectl.config.ValueRules.ISSUER_NAME_RULE);
            }
            return value;
        }
    }
}
