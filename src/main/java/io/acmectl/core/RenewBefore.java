package io.acmectl.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to renew: {@code auto} (the CA's ARI window, else when a third of the lifetime is left, half
 * for certificates of ten days or less), a fixed time before expiry ({@code 30d}, {@code 12h}), or a
 * share of the lifetime left ({@code 33%}).
 */
public record RenewBefore(Duration before, Integer percentLeft) {
    public static final RenewBefore AUTO = new RenewBefore(null, null);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([dhm])");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,2})\\s*%");
    private static final Duration SHORT_LIVED = Duration.ofDays(10);

    /** Returns null for text that is none of the forms, so the caller can say where it stands. */
    public static RenewBefore parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("auto")) {
            return AUTO;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher duration = DURATION.matcher(value);
        if (duration.matches()) {
            long amount = Long.parseLong(duration.group(1));
            return new RenewBefore(switch (duration.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            }, null);
        }
        Matcher percent = PERCENT.matcher(value);
        if (percent.matches() && Integer.parseInt(percent.group(1)) > 0) {
            return new RenewBefore(null, Integer.parseInt(percent.group(1)));
        }
        return null;
    }

    public boolean isAuto() {
        return before == null && percentLeft == null;
    }

    /** When a certificate valid from {@code notBefore} to {@code notAfter} falls due without ARI. */
    public Instant dueAt(Instant notBefore, Instant notAfter) {
        if (before != null) {
            return notAfter.minus(before);
        }
        Duration lifetime = Duration.between(notBefore, notAfter);
        if (percentLeft != null) {
            return notAfter.minus(share(lifetime, percentLeft, 100));
        }
        return notAfter.minus(share(lifetime, 1, lifetime.compareTo(SHORT_LIVED) <= 0 ? 2 : 3));
    }

    /**
     * {@code lifetime × numerator ÷ denominator}, to the nanosecond and truncated as Duration's own
     * arithmetic gives it, but in longs: Duration's goes through BigDecimal, and a run that finds
     * nothing due computes this for every certificate. Lifetimes of centuries take Duration's way.
     */
    static Duration share(Duration lifetime, long numerator, long denominator) {
        try {
            return Duration.ofNanos(Math.multiplyExact(lifetime.toNanos(), numerator) / denominator);
        } catch (ArithmeticException tooLong) {
            return lifetime.multipliedBy(numerator).dividedBy(denominator);
        }
    }

    /** The form {@link #parse} reads back: {@code auto}, {@code 30d}, {@code 12h}, {@code 90m}, {@code 33%}. */
    public String text() {
        if (before != null) {
            long minutes = before.toMinutes();
            return minutes % (24 * 60) == 0 ? minutes / (24 * 60) + "d"
                    : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
        }
        return percentLeft != null ? percentLeft + "%" : "auto";
    }

    public String describe() {
        return before != null ? before.toDays() + "d before expiry"
                : percentLeft != null ? percentLeft + "% of lifetime left" : "auto";
    }
}
