package io.acmectl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {
    @ParameterizedTest
    @CsvSource({
        "Example.COM, example.com",
        "*.example.com, *.example.com",
        "bücher.example, xn--bcher-kva.example",
        "XN--BCHER-KVA.example, xn--bcher-kva.example",
        "straße.example, xn--strae-oqa.example",
        "例え.テスト, xn--r8jz45g.xn--zckzah",
        "xn--r8jz45g.example, xn--r8jz45g.example",
        "ｅｘａｍｐｌｅ．ｃｏｍ, example.com",
        "a-b.c-d.example, a-b.c-d.example",
        "xn--mnchen-3ya.de, xn--mnchen-3ya.de"})
    void normalises(String input, String expected) {
        assertEquals(expected, DomainName.normalize(input));
    }

    /** An absolute name's one trailing dot is dropped, as lego does; two are an empty label. */
    @Test
    void oneTrailingDotIsDroppedAndNoMore() {
        assertEquals("www.example.com", DomainName.normalize("www.example.com."));
        assertTrue(assertThrows(Failure.BadInput.class, () -> DomainName.normalize("www.example.com.."))
                .getMessage().contains("empty label"));
        assertTrue(assertThrows(Failure.BadInput.class, () -> DomainName.normalize("."))
                .getMessage().endsWith("it is empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "-lead.example.com", "trail-.example.com", "a..b.com", "a.*.example.com",
        "foo*.example.com", "under_score.example.com", "space here.example.com", "192.168.1.1", "example.com/path",
        "*", "xn--zz.example.test", "xn--abc-.example.test", "xn--n3h.example.com", "\u2603.example.com",
        "ab--cd.example.com", "a;reboot.example.com", "$(reboot).example.com", "a|b.example.com", "a`b`.example.com",
        "ex\u00adample.com", "Ü.example.com\u0000"})
    void refusesNaming(String input) {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> DomainName.normalize(input));
        assertTrue(e.getMessage().startsWith("invalid domain name " + Quote.of(input) + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /** Each refusal says what is wrong in words a user can act on. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        a_b.example.com        | '_' is not allowed in a domain name (letters, digits, hyphens and dots)
        -a.example.com         | label '-a' starts with a hyphen
        a-.example.com         | label 'a-' ends with a hyphen
        ab--cd.example.com     | label 'ab--cd' has '--' as third and fourth characters
        xn--zz.example.test    | label 'xn--zz' is not a valid A-label (IDNA 2008): its Punycode does not decode
        xn--abc-.example.test  | label 'xn--abc-' is not a valid A-label (IDNA 2008): it decodes to plain ASCII 'abc'
        xn--n3h.example.com    | it decodes to '☃', and '☃' (U+2603) is not allowed in a domain name by IDNA 2008
        ☃.example.com          | '☃' (U+2603) is not allowed in a domain name by IDNA 2008
        a..example.com         | it has an empty label
        192.0.2.1              | it looks like an IP address
        """)
    void saysWhy(String input, String why) {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> DomainName.normalize(input));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aNameWithANewlineIsQuotedOnOneLine() {
        Failure.BadInput e = assertThrows(Failure.BadInput.class, () -> DomainName.normalize("a\nb.example.com"));
        assertEquals("invalid domain name 'a\\nb.example.com': it contains a control character or an invisible one",
                e.getMessage());
    }

    @Test
    void refusesALabelOver63AndANameOver253WithAShortQuote() {
        Failure.BadInput label = assertThrows(Failure.BadInput.class,
                () -> DomainName.normalize("a".repeat(64) + ".example.com"));
        assertTrue(label.getMessage().contains("is longer than 63 characters"), label.getMessage());
        String longName = ("a".repeat(62) + ".").repeat(4) + "ab";
        assertEquals(254, longName.length());
        Failure.BadInput name = assertThrows(Failure.BadInput.class, () -> DomainName.normalize(longName));
        assertEquals("invalid domain name '" + longName.substring(0, 60) + "'... (254 characters): it is longer "
                + "than 253 characters", name.getMessage());
        assertEquals(253, DomainName.normalize(longName.substring(1)).length());
    }

    @Test
    void keepsFirstGivenOrderAndDropsRepeats() {
        assertEquals(List.of("b.example.com", "a.example.com"),
                DomainName.normalizeAll(List.of("B.example.com", "a.example.com", "b.example.com.")));
    }

    /** RFC 3492's own samples, both ways; and what is not Punycode is refused, not passed through. */
    @ParameterizedTest
    @CsvSource({
        "\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F, "
                + "egbpdaj6bu4bxfgehfvwxn",
        "\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587, ihqwcrb4cv8a8dqg056pqjye",
        "3\u5E74B\u7D44\u91D1\u516B\u5148\u751F, 3B-ww4c5e180e575a65lsy2b",
        "bücher, bcher-kva"})
    void punycodeRoundTrips(String unicode, String punycode) {
        assertEquals(punycode, Punycode.encode(unicode));
        assertEquals(unicode, Punycode.decode(punycode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "9999999999999999", "a!", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"})
    void punycodeRefusesWhatDoesNotDecode(String input) {
        assertNull(Punycode.decode(input));
    }
}
