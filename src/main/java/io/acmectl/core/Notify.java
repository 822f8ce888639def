package io.acmectl.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The want list's {@code notify}: a command told about a run (a JSON report on its standard input)
 * when a certificate failed or is within {@code expiryDays} of its end without a successful renewal,
 * or after every run when {@code always}. Let's Encrypt stopped sending expiry e-mails in 2025: this
 * is how an admin hears that renewals stopped working before the certificates run out.
 */
public record Notify(String command, int expiryDays, boolean always, Duration timeout) {
    public static final int DEFAULT_EXPIRY_DAYS = 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Notify {
        Objects.requireNonNull(command, "command");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
}
