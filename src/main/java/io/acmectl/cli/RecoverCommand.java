package io.acmectl.cli;

import io.acmectl.crypto.KeyFiles;
import io.acmectl.flow.AccountFlow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Find the account of a key at the CA and restore it into the store; creates nothing.")
final class RecoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The account key: PEM, or certbot's private_key.json (default: the one in the store).")
    Path key;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        AccountFlow.Registered recovered = app.accounts().recover(app.server(), key == null ? null : KeyFiles.read(key));
        app.printer().registered(recovered, app.server(), true);
        return 0;
    }
}
