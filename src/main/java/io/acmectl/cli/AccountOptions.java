package io.acmectl.cli;

import io.acmectl.crypto.KeyType;
import io.acmectl.service.AccountService.Eab;
import io.acmectl.service.AccountService.Registration;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that register an account, shared by {@code register} and {@code issue}. */
final class AccountOptions {
    @Option(names = {"-m", "--email"}, paramLabel = "ADDRESS",
            description = "Contact e-mail for the account (repeatable).")
    List<String> emails = new ArrayList<>();

    @Option(names = "--agree-tos", description = "Agree to the CA's terms of service (shown from its directory).")
    boolean agreeTos;

    @ArgGroup(exclusive = false)
    EabOptions eab;

    static final class EabOptions {
        @Option(names = "--eab-kid", required = true, paramLabel = "KID",
                description = "External Account Binding key id, from the CA (ZeroSSL, Google...).")
        String keyId;

        @Option(names = "--eab-hmac-key", required = true, paramLabel = "KEY",
                description = "External Account Binding HMAC key (base64url), from the CA.")
        String hmacKey;
    }

    Registration registration(KeyType keyType, KeyPair existingKey) {
        return new Registration(List.copyOf(emails), agreeTos, keyType, existingKey,
                eab == null ? null : new Eab(eab.keyId, eab.hmacKey));
    }
}
