package io.acmectl.cli;

import io.acmectl.config.ChallengeSettings;
import io.acmectl.crypto.KeyType;
import io.acmectl.AcmectlException;
import io.acmectl.config.CertificateSettings;
import io.acmectl.config.Hooks;
import io.acmectl.config.KeySettings;
import io.acmectl.service.IssueService;
import io.acmectl.store.StoredCertificate;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "With --all: how many certificates at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--cert-name", paramLabel = "NAME", description = "Name of the certificate in the store.")
    String certName;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec256", converter = KeyType.Converter.class,
            description = "Certificate key: ec256, ec384, rsa2048, rsa3072, rsa4096 (default: ${DEFAULT-VALUE}).")
    KeyType keyType;

    @Option(names = "--force", description = "Issue again even if a valid certificate for these names exists.")
    boolean force;

    @Option(names = "--reuse-key", description = "Keep the certificate's key when it is renewed.")
    boolean reuseKey;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The CA's certificate profile (classic, tlsserver, shortlived...), kept on renewal.")
    String profile;

    @Option(names = "--deploy-hook", paramLabel = "COMMAND",
            description = "Run after the certificate is issued or renewed (/bin/sh -c; repeatable).")
    List<String> deployHooks = new java.util.ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Http01 http01;

    @Mixin
    AccountOptions account;

    static final class Http01 {
        @Option(names = {"-w", "--webroot"}, paramLabel = "DIR", required = true,
                description = "Answer http-01 by writing files into the web server's document root DIR.")
        Path webroot;

        @ArgGroup(exclusive = false)
        Standalone standalone;
    }

    static final class Standalone {
        @Option(names = "--standalone", required = true, description = "Answer http-01 with a built-in listener.")
        boolean enabled;

        @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "80",
                description = "Port of the built-in listener (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--http-address", paramLabel = "ADDRESS", description = "Address to listen on (default: all).")
        String address;
    }

    @Override
    public Integer call() {
        AcmectlCommand root = AcmectlCommand.of(spec);
        if (all) {
            if (!names.isEmpty() || http01 != null) {
                throw AcmectlException.usage("issue --all takes names and challenges from the want list, not the "
                        + "command line");
            }
            return Summaries.print(root, root.renewService().issueAll(root.wantList(true), parallel, force));
        }
        if (names.isEmpty() || http01 == null) {
            throw AcmectlException.usage("name the domains and a challenge (--webroot DIR or --standalone), or use "
                    + "--all with a want list");
        }
        ChallengeSettings challenge = http01.webroot != null
                ? ChallengeSettings.webroot(http01.webroot.toAbsolutePath().toString())
                : ChallengeSettings.standalone(http01.standalone.port, http01.standalone.address);
        CertificateSettings settings = new CertificateSettings(root.server().directory().toString(), null, names,
                new KeySettings(keyType.id(), reuseKey), challenge, profile, null, new Hooks(List.of(), List.of(),
                deployHooks));
        IssueService.Result result = root.issueService().issue(certName, settings,
                account.registration(KeyType.EC256, null), force);
        StoredCertificate certificate = result.certificate();
        if (result.outcome() == IssueService.Outcome.UNCHANGED) {
            root.out().printf("Certificate %s is valid until %s and covers %s: nothing to do (--force to issue "
                    + "again).%n", certificate.name(), certificate.notAfter(), String.join(", ", certificate.domains()));
        } else {
            root.out().printf("Issued certificate %s for %s, valid until %s.%nFiles: %s%n", certificate.name(),
                    String.join(", ", certificate.domains()), certificate.notAfter(),
                    root.store().certificates().liveDirectory(certificate.name()));
        }
        return 0;
    }
}
