package io.acmectl.config;

import io.acmectl.config.WantListYaml.NotifyYaml;
import io.acmectl.config.WantListYaml.VerifyYaml;
import io.acmectl.core.Failure;
import io.acmectl.core.HostPort;
import io.acmectl.core.Notify;
import io.acmectl.core.Quote;
import io.acmectl.core.Verify;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a want list reports on its runs: {@code notify} and {@code metrics-file} (the file's own, so a
 * mistake in either stops the whole file: a run that cannot tell anyone must not look healthy), and
 * a certificate's {@code verify} (its deploy check), checked where it stands.
 */
final class ReportSettings {
    /** A report of a few certificates takes a webhook a second; an hour is a hung command. */
    private static final int MAX_TIMEOUT_SECONDS = 3600;
    /** More than a year is more than any certificate acmectl can get lives. */
    private static final int MAX_EXPIRY_DAYS = 400;

    private final Positions positions;

    ReportSettings(Positions positions) {
        this.positions = positions;
    }

    /** The file's {@code notify}, or null when it has none. */
    Notify notify(NotifyYaml yaml) {
        if (yaml == null) {
            return null;
        }
        if (yaml.command() == null || yaml.command().isBlank()) {
            throw positions.fail(yaml.command() == null ? "/notify" : "/notify/command",
                    "notify needs a command: run by /bin/sh -c, with the run's report as JSON on its standard input");
        }
        int days = yaml.expiryDays() == null ? Notify.DEFAULT_EXPIRY_DAYS : yaml.expiryDays();
        if (days < 0 || days > MAX_EXPIRY_DAYS) {
            throw positions.fail("/notify/expiry-days", "expiry-days must be a whole number from 0 to "
                    + MAX_EXPIRY_DAYS + " (days before a certificate's end it is reported if not renewed)");
        }
        Duration timeout = Notify.DEFAULT_TIMEOUT;
        if (yaml.timeout() != null) {
            if (yaml.timeout() < 1 || yaml.timeout() > MAX_TIMEOUT_SECONDS) {
                throw positions.fail("/notify/timeout", "timeout must be a whole number of seconds from 1 to "
                        + MAX_TIMEOUT_SECONDS);
            }
            timeout = Duration.ofSeconds(yaml.timeout());
        }
        return new Notify(yaml.command(), days, Boolean.TRUE.equals(yaml.always()), timeout);
    }

    /** The file's {@code metrics-file}, or null when it has none. */
    Path metricsFile(String text) {
        if (text == null) {
            return null;
        }
        try {
            Path path = Path.of(text);
            if (text.isBlank() || !path.isAbsolute() || path.getFileName() == null) {
                throw positions.fail("/metrics-file", "metrics-file " + Quote.of(text) + " must be an absolute "
                        + "file path (for node_exporter: /var/lib/prometheus/node-exporter/acmectl.prom)");
            }
            return path;
        } catch (InvalidPathException e) {
            throw positions.fail("/metrics-file", "metrics-file " + Quote.of(text) + " is no path: " + e.getReason());
        }
    }

    /** An entry's {@code verify} (or the defaults'), or null; {@code pointer}: where it stands. */
    Verify verify(VerifyYaml yaml, String pointer) {
        if (yaml == null) {
            return null;
        }
        if (yaml.tls() == null) {
            throw positions.fail(pointer, "verify needs tls: HOST:PORT, the server that must present the "
                    + "certificate after its deploy hooks");
        }
        try {
            return new Verify(HostPort.parse(yaml.tls(), Verify.DEFAULT_PORT));
        } catch (Failure.BadInput e) {
            throw positions.fail(pointer + "/tls", "verify tls " + Quote.of(yaml.tls()) + ": " + e.getMessage());
        }
    }
}
