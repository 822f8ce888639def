package io.acmectl.core;

import java.util.Arrays;
import java.util.Locale;

/** The reasons RFC 5280 lets a subscriber give, with their CRL reason codes. */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    SUPERSEDED(4),
    AFFILIATION_CHANGED(3),
    CESSATION_OF_OPERATION(5);

    public final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** {@code keyCompromise}, as RFC 5280 spells it. */
    public String id() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder id = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return id.toString();
    }

    public static RevocationReason parse(String text) {
        String wanted = text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElseThrow(() -> new Failure.BadInput("unknown revocation reason " + Quote.of(text) + "; use one of "
                        + String.join(", ", Arrays.stream(values()).map(RevocationReason::id).toList())));
    }
}
