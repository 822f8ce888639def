package io.acmectl.challenge.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which dns-persist-01 values already prove control, so nothing is published again. */
class PersistRecordTest {
    private static final String ACCOUNT = "https://ca.example/acme/acct/7";
    private static final List<String> ISSUERS = List.of("ca.example", "other.example");
    private static final Instant NOW = Instant.ofEpochSecond(2_000_000_000L);

    @Test
    void theValueAndItsOwner() {
        assertEquals("_validation-persist.example.com.", PersistRecord.owner("example.com"));
        assertEquals("ca.example; accounturi=" + ACCOUNT, PersistRecord.value("ca.example", ACCOUNT, false));
        assertEquals("ca.example; accounturi=" + ACCOUNT + "; policy=wildcard",
                PersistRecord.value("ca.example", ACCOUNT, true));
    }

    @Test
    void aRecordForThisIssuerAndAccountProvesIt() {
        assertTrue(PersistRecord.proves("ca.example; accounturi=" + ACCOUNT, ISSUERS, ACCOUNT, false, NOW));
        assertTrue(PersistRecord.proves(" OTHER.example. ;accounturi=" + ACCOUNT + " ", ISSUERS, ACCOUNT, false, NOW));
        assertTrue(PersistRecord.proves("ca.example; accounturi=" + ACCOUNT + "; policy=wildcard", ISSUERS, ACCOUNT,
                true, NOW));
        assertTrue(PersistRecord.proves("ca.example; accounturi=" + ACCOUNT + "; policy=wildcard", ISSUERS, ACCOUNT,
                false, NOW));
        assertTrue(PersistRecord.proves("ca.example; accounturi=" + ACCOUNT + "; persistUntil=2000000001", ISSUERS,
                ACCOUNT, false, NOW));
    }

    @Test
    void anythingElseDoesNot() {
        assertFalse(PersistRecord.proves("elsewhere.example; accounturi=" + ACCOUNT, ISSUERS, ACCOUNT, false, NOW));
        assertFalse(PersistRecord.proves("ca.example; accounturi=https://ca.example/acme/acct/8", ISSUERS, ACCOUNT,
                false, NOW));
        assertFalse(PersistRecord.proves("ca.example", ISSUERS, ACCOUNT, false, NOW));
        assertFalse(PersistRecord.proves("ca.example; accounturi=" + ACCOUNT, ISSUERS, ACCOUNT, true, NOW));
        assertFalse(PersistRecord.proves("ca.example; accounturi=" + ACCOUNT + "; persistUntil=1999999999", ISSUERS,
                ACCOUNT, false, NOW));
        assertFalse(PersistRecord.proves("ca.example; accounturi=" + ACCOUNT + "; persistUntil=soon", ISSUERS,
                ACCOUNT, false, NOW));
    }
}
