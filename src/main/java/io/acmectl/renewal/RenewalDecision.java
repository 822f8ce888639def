package io.acmectl.renewal;

import java.time.Instant;

/** Whether a certificate is due, from when, and why (shown by {@code certificates} and in logs). */
public record RenewalDecision(boolean due, Instant dueAt, String why) {}
