package io.acmectl.store;

import java.util.List;

/**
 * {@code cache/not-due.json}: the memos of the last renew run over every lineage, and the version of
 * acmectl that decided them (another version's decisions are not taken on trust).
 */
record NotDueRecord(String version, List<NotDueMemo> lineages) {}
