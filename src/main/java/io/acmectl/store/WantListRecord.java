package io.acmectl.store;

import io.acmectl.core.CertificateName;
import io.acmectl.core.Hooks;
import io.acmectl.core.HostPort;
import io.acmectl.core.Notify;
import io.acmectl.core.Policy;
import io.acmectl.core.PreflightChecks;
import io.acmectl.core.RateLimits;
import io.acmectl.core.WantList;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A validated want list as the store caches it ({@code cache/want-list.json}): {@link WantList} in
 * the store's own record form, with each certificate's settings as a lineage keeps them.
 * {@code rateLimits}: absent for each CA's own ({@code auto}); {@code allowedDomains}: absent for no policy;
 * {@code rejected}: the invalid entries, absent in caches written before there were any;
 * {@code notification} and {@code metricsFile}: absent when the want list sets none;
 * {@code checks}: the checks before the CA, absent when the file sets none.
 */
record WantListRecord(String file, SettingsRecord.HooksRecord hooks, List<WantedRecord> certificates,
        LimitsRecord rateLimits, List<String> allowedDomains, List<RejectedRecord> rejected, NotifyRecord notification,
        String metricsFile, ChecksRecord checks) {

    static WantListRecord of(WantList wantList) {
        return new WantListRecord(wantList.file() == null ? null : wantList.file().toString(),
                SettingsRecord.HooksRecord.of(wantList.hooks()),
                wantList.certificates().stream().map(WantedRecord::of).toList(),
                LimitsRecord.of(wantList.rateLimits()), wantList.policy().allowedDomains(),
                wantList.rejected().stream().map(RejectedRecord::of).toList(), NotifyRecord.of(wantList.notification()),
                wantList.metricsFile() == null ? null : wantList.metricsFile().toString(),
                ChecksRecord.of(wantList.checks()));
    }

    WantList toWantList() {
        return new WantList(file == null ? null : path(file), hooks == null ? Hooks.NONE : hooks.toHooks(),
                certificates == null ? List.of() : certificates.stream().map(WantedRecord::toWanted).toList(),
                rateLimits == null ? null : rateLimits.toLimits(), new Policy(allowedDomains),
                rejected == null ? List.of() : rejected.stream().map(RejectedRecord::toRejected).toList(),
                notification == null ? null : notification.toNotify(), metricsFile == null ? null : Path.of(metricsFile),
                checks == null ? null : checks.toChecks());
    }

    /** Caches written before the store had its own records hold the file as a {@code file:} URI. */
    private static Path path(String text) {
        return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
    }

    record WantedRecord(String name, SettingsRecord settings, List<String> emails, boolean agreeTos) {
        static WantedRecord of(WantList.Wanted wanted) {
            return new WantedRecord(wanted.name().value(), SettingsRecord.of(wanted.spec(), null), wanted.emails(),
                    wanted.agreeTos());
        }

        WantList.Wanted toWanted() {
            return new WantList.Wanted(CertificateName.of(name), settings.toSpec(),
                    emails == null ? List.of() : emails, agreeTos);
        }
    }

    /** An invalid entry: its name as written (absent when it has none) and its errors, as they are shown. */
    record RejectedRecord(String name, List<String> errors) {
        static RejectedRecord of(WantList.Rejected rejected) {
            return new RejectedRecord(rejected.name(), rejected.errors());
        }

        WantList.Rejected toRejected() {
            return new WantList.Rejected(name, errors);
        }
    }

    /** {@link Notify}, its timeout in seconds. */
    record NotifyRecord(String command, int expiryDays, boolean always, long timeoutSeconds) {
        static NotifyRecord of(Notify notify) {
            return notify == null ? null : new NotifyRecord(notify.command(), notify.expiryDays(), notify.always(),
                    notify.timeout().toSeconds());
        }

        Notify toNotify() {
            return new Notify(command, expiryDays, always, Duration.ofSeconds(timeoutSeconds));
        }
    }

    /** {@link RateLimits} in the store's words; 0: not limited. */
    record LimitsRecord(int newOrders, int certificatesPerDomain, int duplicates, int failedValidations) {
        static LimitsRecord of(RateLimits limits) {
            return limits == null ? null : new LimitsRecord(limits.newOrders(), limits.certificatesPerDomain(),
                    limits.duplicates(), limits.failedValidations());
        }

        RateLimits toLimits() {
            return new RateLimits(newOrders, certificatesPerDomain, duplicates, failedValidations);
        }
    }

    /** {@link PreflightChecks} in the store's words: addresses as {@code ADDR:PORT}, the timeout in seconds. */
    record ChecksRecord(boolean selfCheck, int caHttpPort, int caTlsPort, String selfCheckResolver,
            String dnsResolver, long dnsPropagationSeconds) {
        static ChecksRecord of(PreflightChecks checks) {
            return checks == null ? null : new ChecksRecord(checks.selfCheck(), checks.caHttpPort(), checks.caTlsPort(),
                    text(checks.selfCheckResolver()), text(checks.dnsResolver()),
                    checks.dnsPropagationTimeout().toSeconds());
        }

        PreflightChecks toChecks() {
            return new PreflightChecks(selfCheck, caHttpPort, caTlsPort, address(selfCheckResolver),
                    address(dnsResolver), java.time.Duration.ofSeconds(dnsPropagationSeconds), null);
        }

        private static String text(HostPort address) {
            return address == null ? null : address.toString();
        }

        private static HostPort address(String text) {
            return text == null ? null : HostPort.parse(text, 53);
        }
    }

    /** The file itself: the value with the key it was computed for. */
    record Cached(String key, WantListRecord value) {}
}
