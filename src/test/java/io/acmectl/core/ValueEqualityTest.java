package io.acmectl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The values whose equals and hashCode are written out (not the record's own) still compare by value. */
class ValueEqualityTest {
    @Test
    void identifiersAreEqualByTypeAndValue() {
        assertEquals(Identifier.dns("a.example.com"), Identifier.dns(new String("a.example.com")));
        assertEquals(Identifier.dns("a.example.com").hashCode(), Identifier.dns(new String("a.example.com")).hashCode());
        assertNotEquals(Identifier.dns("a.example.com"), Identifier.dns("b.example.com"));
        assertNotEquals(Identifier.dns("127.0.0.1"), Identifier.ip("127.0.0.1"));
        assertNotEquals(Identifier.dns("a.example.com"), CertificateName.of("a.example.com"));
        assertEquals(2, Set.of(Identifier.dns("127.0.0.1"), Identifier.ip("127.0.0.1")).size());
    }

    @Test
    void certificateNamesAreEqualByValue() {
        assertEquals(CertificateName.of("www"), CertificateName.of(new String("www")));
        assertEquals(CertificateName.of("www").hashCode(), CertificateName.of(new String("www")).hashCode());
        assertNotEquals(CertificateName.of("www"), CertificateName.of("WWW"));
        assertNotEquals(CertificateName.of("www"), null);
    }
}
