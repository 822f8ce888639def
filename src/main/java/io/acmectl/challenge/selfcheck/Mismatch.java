package io.acmectl.challenge.selfcheck;

/**
 * What a self-check found instead of the answer: what was fetched ({@code
 * http://example.com/.well-known/acme-challenge/TOKEN}) and what came back ({@code 404}, {@code
 * connection refused by 192.0.2.10:80}). The solver that presented the answer words the error.
 */
public record Mismatch(String fetched, String got) {}
