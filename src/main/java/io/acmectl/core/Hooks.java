package io.acmectl.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Commands run around issuance, each by {@code /bin/sh -c} as certbot does: {@code pre} once before
 * the first order of a run, {@code post} once after the last, {@code deploy} after each certificate.
 */
public record Hooks(List<String> pre, List<String> post, List<String> deploy) {
    public static final Hooks NONE = new Hooks(List.of(), List.of(), List.of());

    public Hooks {
        pre = pre == null ? List.of() : List.copyOf(pre);
        post = post == null ? List.of() : List.copyOf(post);
        deploy = deploy == null ? List.of() : List.copyOf(deploy);
    }

    /** The global hooks first, then a certificate's own. */
    public Hooks then(Hooks more) {
        return new Hooks(concat(pre, more.pre), concat(post, more.post), concat(deploy, more.deploy));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
