package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.acmectl.core.RequestLog;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A server's request log as the store writes it ({@code ratelimits/<server>.json}). Kinds and
 * exemptions are lower-case words ({@code failed-validation}). What a newer version may write is read
 * on the side of counting: an unknown exemption as none; only an unknown kind is left out.
 */
record RequestLogRecord(List<EntryRecord> requests) {
    static RequestLogRecord of(RequestLog log) {
        return new RequestLogRecord(log.entries().stream().map(EntryRecord::of).toList());
    }

    RequestLog toLog() {
        return requests == null ? RequestLog.EMPTY
                : new RequestLog(requests.stream().map(EntryRecord::toEntry).filter(Objects::nonNull).toList());
    }

    /** {@code exemption}: absent for none, else {@code renewal} or {@code ari}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EntryRecord(String kind, Instant at, String account, List<String> names, String exemption) {
        static EntryRecord of(RequestLog.Entry entry) {
            return new EntryRecord(word(entry.kind()), entry.at(), entry.account(), entry.names(),
                    entry.exemption() == RequestLog.Exemption.NONE ? null : word(entry.exemption()));
        }

        /** Null for a kind this version cannot count; an exemption it does not know counts as none. */
        RequestLog.Entry toEntry() {
            RequestLog.Kind known = parse(RequestLog.Kind.class, kind);
            if (known == null || at == null) {
                return null;
            }
            RequestLog.Exemption exempt = parse(RequestLog.Exemption.class, exemption);
            return new RequestLog.Entry(known, at, account, names == null ? List.of() : names,
                    exempt == null ? RequestLog.Exemption.NONE : exempt);
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String word) {
            try {
                return word == null ? null : Enum.valueOf(type, word.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static String word(Enum<?> value) {
            return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
