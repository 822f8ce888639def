package io.acmectl.cli;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Failure;
import io.acmectl.core.RevocationReason;
import io.acmectl.crypto.CertificateCheck;
import io.acmectl.crypto.KeyFiles;
import io.acmectl.flow.RevokeFlow;
import io.acmectl.flow.RevokeFlow.Outcome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a certificate, with the account that issued it or with the certificate's own key.")
final class RevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--cert-name", paramLabel = "NAME", converter = OptionValues.CertName.class,
                description = "A certificate in the store.")
        String certName;

        @Option(names = "--cert-path", paramLabel = "FILE", description = "A certificate file (PEM).")
        Path certPath;
    }

    @Option(names = "--key-path", paramLabel = "FILE",
            description = "Sign with the certificate's own key instead of an account (PEM or JWK).")
    Path keyPath;

    @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
            converter = OptionValues.Reason.class,
            description = "unspecified, keyCompromise, superseded, affiliationChanged, cessationOfOperation "
                    + "(default: ${DEFAULT-VALUE}).")
    String reason;

    @Option(names = "--delete", description = "Also remove the certificate from live/ (the archive is kept).")
    boolean delete;

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        RevokeFlow flow = app.revoke();
        RevokeFlow.Request request = new RevokeFlow.Request(app.server(),
                which.certName == null ? null : CertificateName.of(which.certName), which.certPath, keyPath,
                keyPath == null ? null : KeyFiles.read(keyPath), RevocationReason.parse(reason), delete,
                app.accountSelector());
        RevokeFlow.Target target = flow.target(request);
        String names = String.join(", ", CertificateCheck.subjectAltNames(target.certificate()));
        if (!yes && !Confirmation.ask("Revoke the certificate for " + names + " (serial "
                + target.certificate().getSerialNumber().toString(16) + ")? This cannot be undone.")) {
            throw new Failure.BadInput("not confirmed: nothing was revoked");
        }
        Outcome outcome = flow.revoke(request, target);
        app.printer().revoked(target, request, outcome);
        return 0;
    }
}
