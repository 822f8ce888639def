package io.acmectl.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmectl.core.Identifier;
import org.junit.jupiter.api.Test;

class TlsAlpnNamesTest {
    @Test
    void aDnsNameIsItsOwnSniName() {
        assertEquals("example.com", TlsAlpnNames.sniName(Identifier.dns("example.com")));
        assertEquals("xn--bcher-kva.example", TlsAlpnNames.sniName(Identifier.dns("xn--bcher-kva.example")));
        assertTrue(TlsAlpnNames.ipAddress(Identifier.dns("example.com")).isEmpty());
    }

    /** RFC 8738 section 6: the CA asks for an IP address by its reverse-DNS name. */
    @Test
    void anIpv4AddressIsAskedForUnderInAddrArpa() {
        assertEquals("1.0.0.127.in-addr.arpa", TlsAlpnNames.sniName(Identifier.dns("127.0.0.1")));
        assertEquals("4.3.2.192.in-addr.arpa", TlsAlpnNames.sniName(Identifier.dns("192.2.3.4")));
        assertEquals("255.0.168.192.in-addr.arpa", TlsAlpnNames.sniName(Identifier.dns("192.168.0.255")));
    }

    @Test
    void anIpv6AddressIsAskedForByItsNibblesUnderIp6Arpa() {
        assertEquals("1." + "0.".repeat(31) + "ip6.arpa", TlsAlpnNames.sniName(Identifier.dns("::1")));
        // RFC 3596 section 2.5's example
        assertEquals("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa",
                TlsAlpnNames.sniName(Identifier.dns("4321:0:1:2:3:4:567:89ab")));
        assertEquals("f.e.d.c." + "0.".repeat(20) + "8.b.d.0.1.0.0.2.ip6.arpa",
                TlsAlpnNames.sniName(Identifier.dns("2001:DB8::CDEF")));
    }

    @Test
    void whatOnlyLooksLikeAnAddressIsADnsName() {
        for (String name : new String[] {"1.2.3", "1.2.3.256", "[::1]", "fe80::1%eth0", "1.2.3.4.example"}) {
            assertTrue(TlsAlpnNames.ipAddress(Identifier.dns(name)).isEmpty(), name);
        }
    }

    @Test
    void aWildcardHasNoSniName() {
        assertThrows(IllegalArgumentException.class, () -> TlsAlpnNames.sniName(Identifier.dns("*.example.com")));
    }
}
