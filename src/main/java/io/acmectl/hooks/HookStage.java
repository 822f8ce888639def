package io.acmectl.hooks;

import java.util.Locale;

/**
 * When a hook runs: {@code pre} once before the first order of a run, {@code post} once after the last,
 * {@code deploy} after each certificate; {@code auth} and {@code cleanup} put a dns-01 TXT record into
 * DNS and take it out again (certbot's manual hooks).
 */
public enum HookStage {
    PRE, POST, DEPLOY, AUTH, CLEANUP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
