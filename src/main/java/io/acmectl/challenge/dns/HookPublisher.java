package io.acmectl.challenge.dns;

import io.acmectl.core.DnsPublisher;
import io.acmectl.core.Failure;
import io.acmectl.core.Quote;
import io.acmectl.hooks.HookFailure;
import io.acmectl.hooks.HookRunner;
import io.acmectl.hooks.HookStage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * certbot's manual hooks ({@code --manual-auth-hook}, {@code --manual-cleanup-hook}), so existing DNS
 * scripts work unchanged: each run is {@code /bin/sh -c COMMAND} through {@link HookRunner} (its own
 * process group, bounded by the timeout, output to the log), told the record only through the
 * environment. The cleanup hook also gets {@code CERTBOT_AUTH_OUTPUT}, what the auth hook printed
 * for the same record, as certbot gives it.
 */
final class HookPublisher implements TxtPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(HookPublisher.class);

    private final DnsPublisher.Hook spec;
    private final HookRunner runner;
    /** What the auth hook printed per record, until its cleanup hook ran. */
    private final Map<TxtRecord, String> authOutput = new ConcurrentHashMap<>();

    HookPublisher(DnsPublisher.Hook spec) {
        this.spec = spec;
        this.runner = new HookRunner(spec.timeout());
    }

    @Override
    public void add(TxtRecord record) {
        HookRunner.Ran ran = runner.runOne(HookStage.AUTH, spec.command(), environment(record));
        authOutput.put(record, ran.output());
        if (ran.failure() != null) {
            throw new Failure.ChallengeSetup(describe(ran.failure(), "DNS hook", record), null);
        }
    }

    /** Runs the cleanup hook, if there is one; a failure is logged (the record may stay in DNS) and thrown. */
    @Override
    public void remove(TxtRecord record) {
        String printed = authOutput.remove(record);
        if (spec.cleanupCommand() == null) {
            LOG.debug("no DNS cleanup hook: the TXT record at {} stays", record.name());
            return;
        }
        Map<String, String> environment = environment(record);
        environment.put("CERTBOT_AUTH_OUTPUT", printed == null ? "" : printed);
        HookRunner.Ran ran = runner.runOne(HookStage.CLEANUP, spec.cleanupCommand(), environment);
        if (ran.failure() != null) {
            throw new Failure.ChallengeSetup(describe(ran.failure(), "DNS cleanup hook", record), null);
        }
    }

    /** certbot's variables, then ours, which name the record itself (after any CNAME was followed). */
    static Map<String, String> environment(TxtRecord record) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CERTBOT_DOMAIN", record.domain());
        environment.put("CERTBOT_VALIDATION", record.value());
        environment.put("CERTBOT_REMAINING_CHALLENGES", Integer.toString(record.remaining()));
        environment.put("CERTBOT_ALL_DOMAINS", String.join(",", record.allDomains()));
        environment.put("ACMECTL_DOMAIN", record.domain());
        environment.put("ACMECTL_TXT_NAME", record.name());
        environment.put("ACMECTL_TXT_VALUE", record.value());
        return environment;
    }

    /** One line: which hook, for which domain, and how it failed. */
    static String describe(HookFailure failure, String which, TxtRecord record) {
        String hook = which + " " + Quote.of(failure.command()) + " for " + record.domain();
        String last = failure.output() == null || failure.output().isBlank() ? ""
                : ": " + Quote.cut(failure.output().lines().reduce((a, b) -> b).orElse("").strip(), 200);
        return switch (failure.kind()) {
            case EXITED -> hook + " exited with " + failure.exitCode() + last;
            case TIMED_OUT -> hook + " did not finish within " + failure.timeout().toSeconds() + " s and was stopped"
                    + last;
            case COULD_NOT_RUN -> hook + " could not run" + last;
            case INTERRUPTED -> hook + " was interrupted";
        };
    }
}
