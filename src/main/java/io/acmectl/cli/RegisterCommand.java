package io.acmectl.cli;

import io.acmectl.crypto.KeyFiles;
import io.acmectl.core.KeyType;
import io.acmectl.flow.AccountFlow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Create an account at the CA (once per server; again with the same key finds it).")
final class RegisterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AccountOptions account;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec256", converter = KeyTypeConverter.class,
            description = "Type of a new account key: ec256, ec384, rsa2048, rsa4096 (default: ${DEFAULT-VALUE}).")
    KeyType keyType;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Use this account key: PEM, or certbot's private_key.json (JWK).")
    Path key;

    @Override
    public Integer call() {
        App app = AcmectlCommand.app(spec);
        AccountFlow.Registered registered = app.accounts().register(app.server(),
                account.request(keyType, key == null ? null : KeyFiles.read(key), null));
        app.printer().registered(registered, app.server(), false);
        return 0;
    }
}
