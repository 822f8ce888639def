package io.acmectl.cli;

import io.acmectl.core.StoredAccount;
import io.acmectl.core.StoredCertificate;
import io.acmectl.flow.CertbotImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, subcommands = ImportCommand.Certbot.class,
        description = "Take over the accounts and certificates of another ACME client.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to import from: certbot");
    }

    @Command(name = "certbot", mixinStandardHelpOptions = true,
            description = "Import certbot's accounts, certificates (every archived version, with its key) and "
                    + "renewal settings (as a want list), without contacting the CA. Prints what could not be "
                    + "carried over.")
    static final class Certbot implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "/etc/letsencrypt",
                description = "certbot's configuration directory (default: ${DEFAULT-VALUE}).")
        Path directory;

        @Option(names = "--force", description = "Replace certificates the store holds already, and the want list.")
        boolean force;

        @Override
        public Integer call() {
            App app = AcmectlCommand.app(spec);
            AcmectlCommand root = (AcmectlCommand) spec.root().userObject();
            Path want = root.want != null ? root.want : app.store().root().resolve("want.yaml");
            CertbotImport.Result result = new CertbotImport(app.store(), app.clock())
                    .run(new CertbotImport.Request(directory, want, force, app.serverName()));
            var out = app.printer().out();
            for (StoredAccount account : result.accounts()) {
                out.printf("Imported account %s (%s) as %s.%n", account.url(), account.server(), account.id());
            }
            for (StoredCertificate certificate : result.certificates()) {
                out.printf("Imported certificate %s (version %d, expires %s): %s%n", certificate.name(),
                        certificate.version(), certificate.notAfter(), String.join(", ", certificate.domains()));
            }
            out.printf("Wrote the want list %s. Stop certbot's own renewals (its timer or cron job), then try "
                    + "'acmectl renew --all --dry-run'.%n", result.wantFile());
            result.notCarriedOver().forEach(note -> app.printer().err().println("acmectl: not carried over: " + note));
            return 0;
        }
    }
}
