package io.acmectl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
    @ParameterizedTest
    @CsvSource({
        "192.0.2.10, 192.0.2.10",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "127.0.0.1, 127.0.0.1",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "::1, ::1",
        "0:0:0:0:0:0:0:1, ::1",
        "::, ::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "fe80::, fe80::"})
    void ipLiteralsBecomeNormalisedIpIdentifiers(String input, String expected) {
        assertEquals(Identifier.ip(expected), Identifiers.parse(input));
    }

    @Test
    void namesStayDnsIdentifiers() {
        assertEquals(Identifier.dns("example.com"), Identifiers.parse("Example.COM."));
        assertEquals(Identifier.dns("*.example.com"), Identifiers.parse("*.example.com"));
        assertEquals(Identifier.dns("1.example"), Identifiers.parse("1.example"));
        Failure.BadInput empty = assertThrows(Failure.BadInput.class, () -> Identifiers.parse("."));
        assertTrue(empty.getMessage().startsWith("invalid domain name '.'"), empty.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.1", "192.0.2.010", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.",
        "1234.1.1.1", "2001:db8::1::2", "2001:db8::g", "fe80::1%eth0", "::ffff:192.0.2.1", "2001:db8:1:2:3:4:5:6:7",
        ":"})
    void refusesWhatIsNotAnIpLiteral(String input) {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> Identifiers.parse(input));
        assertTrue(e.getMessage().startsWith("invalid IP address '" + input + "': "), e.getMessage());
    }

    @Test
    void leadingZerosAreRefusedWithTheReason() {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> Identifiers.parse("10.01.0.1"));
        assertEquals("invalid IP address '10.01.0.1': '01' has a leading zero (some read it as octal); write it "
                + "without", e.getMessage());
    }

    @Test
    void neverResolvesAHostName() {
        // a name that exists on every machine is still a DNS identifier, not its address
        assertEquals(Identifier.dns("localhost.localdomain"), Identifiers.parse("localhost.localdomain"));
    }

    @Test
    void parseAllDropsRepeatsOfTheSameAddressInAnyForm() {
        assertEquals(List.of(Identifier.ip("2001:db8::1"), Identifier.dns("example.com")),
                Identifiers.parseAll(List.of("2001:db8::1", "example.com", "2001:DB8:0::1")));
    }

    @Test
    void normalisesTheJdksFullForm() throws Exception {
        assertEquals("::1", Identifiers.normalize(InetAddress.getByName("0:0:0:0:0:0:0:1")));
        assertEquals("192.0.2.1", Identifiers.normalize(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void onlyDnsIdentifiersCanBeWildcards() {
        assertTrue(Identifier.dns("*.example.com").isWildcard());
        assertTrue(!Identifier.ip("::1").isWildcard());
    }
}
