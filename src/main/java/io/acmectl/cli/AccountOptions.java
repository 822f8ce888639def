package io.acmectl.cli;

import io.acmectl.core.KeyType;
import io.acmectl.flow.AccountRequest;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that register an account, shared by {@code register} and {@code issue}. */
final class AccountOptions {
    @Option(names = {"-m", "--email"}, paramLabel = "ADDRESS", converter = OptionValues.Email.class,
            description = "Contact e-mail for the account (repeatable).")
    List<String> emails = new ArrayList<>();

    @Option(names = "--agree-tos", description = "Agree to the CA's terms of service (shown from its directory).")
    boolean agreeTos;

    @ArgGroup(exclusive = false)
    EabOptions eab;

    static final class EabOptions {
        @Option(names = "--eab-kid", required = true, paramLabel = "KID", converter = OptionValues.EabKeyId.class,
                description = "External Account Binding key id, from the CA (ZeroSSL, Google...).")
        String keyId;

        @Option(names = "--eab-hmac-key", required = true, paramLabel = "KEY",
                converter = OptionValues.EabHmacKey.class,
                description = "External Account Binding HMAC key (base64url), from the CA.")
        String hmacKey;
    }

    /** {@code selector}: the global --account, which names an account to use rather than register. */
    AccountRequest request(KeyType keyType, KeyPair existingKey, String selector) {
        return new AccountRequest(emails, agreeTos, keyType, existingKey,
                eab == null ? null : new AccountRequest.Eab(eab.keyId, eab.hmacKey), selector);
    }
}
