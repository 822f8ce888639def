package io.acmectl.config;

/** The certificate key: its type ({@code ec256}...), and whether a renewal keeps the current key. */
public record KeySettings(String type, boolean reuse) {}
