package io.acmectl.cli;

import io.acmectl.crypto.KeyType;
import io.acmectl.service.AccountService.Registration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that register an account, shared by {@code register} and {@code issue}. */
final class AccountOptions {
    @Option(names = {"-m", "--email"}, paramLabel = "ADDRESS",
            description = "Contact e-mail for the account (repeatable).")
    List<String> emails = new ArrayList<>();

    @Option(names = "--agree-tos", description = "Agree to the CA's terms of service (shown from its directory).")
    boolean agreeTos;

    @Option(names = "--account-key-type", paramLabel = "TYPE", defaultValue = "ec256",
            converter = KeyType.Converter.class,
            description = "Key type of a new account key: ec256, ec384, rsa2048, rsa4096 (default: ${DEFAULT-VALUE}).")
    KeyType accountKeyType;

    Registration registration() {
        return new Registration(List.copyOf(emails), agreeTos, accountKeyType);
    }
}
