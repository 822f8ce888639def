package io.acmectl.challenge.dns;

/**
 * Puts TXT values into DNS and takes them out again, for dns-01 and dns-persist-01: one
 * implementation per {@link io.acmectl.core.DnsPublisher} record, opened by {@link TxtPublishers}.
 * Implementations are safe to call from the threads that renew in parallel.
 */
public interface TxtPublisher extends AutoCloseable {
    /** Adds {@code record.value()} at {@code record.name()}, leaving the name's other values alone. */
    void add(TxtRecord record);

    /** Removes exactly {@code record.value()} from {@code record.name()}; other values stay. */
    void remove(TxtRecord record);

    @Override
    default void close() {}
}
