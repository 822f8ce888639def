package io.acmectl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "certificates", aliases = "list", mixinStandardHelpOptions = true,
        description = "List the stored certificates, when each is due for renewal and why.")
final class CertificatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        app.printer().listing(app.listing().list(), app.store().root());
        return 0;
    }
}
