package io.acmectl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
    private final Policy policy = new Policy(List.of("example.com", "*.example.org", "*.a.example.net"));

    @Test
    void aNameAllowsExactlyThatName() {
        assertTrue(policy.allows("example.com"));
        assertFalse(policy.allows("www.example.com"));
        assertFalse(policy.allows("*.example.com"));
        assertFalse(policy.allows("badexample.com"));
    }

    @Test
    void aWildcardPatternAllowsOneLabelBelowAndTheWildcardItselfAsACertificateWildcardWould() {
        assertTrue(policy.allows("www.example.org"));
        assertTrue(policy.allows("*.example.org"));
        assertFalse(policy.allows("example.org"));
        assertFalse(policy.allows("a.b.example.org"));
        assertFalse(policy.allows("*.b.example.org")); // stands for names two labels below example.org
        assertFalse(policy.allows("wwwexample.org"));
        assertTrue(policy.allows("*.a.example.net"));
        assertTrue(policy.allows("x.a.example.net"));
        assertFalse(policy.allows("a.example.net"));
    }

    @Test
    void noPolicyAllowsEverything() {
        assertTrue(Policy.ANY.allows("anything.test"));
        assertFalse(Policy.ANY.restricts());
        assertNull(Policy.ANY.firstRefused(List.of("a.test", "*.b.test")));
        assertEquals("a.b.example.org", policy.firstRefused(List.of("example.com", "a.b.example.org", "x.test")));
    }

    @Test
    void theRegisteredDomainIsTheLastTwoLabelsOrThreeUnderAWellKnownTwoLevelSuffix() {
        assertEquals("example.com", RegisteredDomain.of("a.b.example.com"));
        assertEquals("example.com", RegisteredDomain.of("*.example.com"));
        assertEquals("example.com", RegisteredDomain.of("example.com"));
        assertEquals("example.co.uk", RegisteredDomain.of("new.blog.example.co.uk"));
        assertEquals("co.uk", RegisteredDomain.of("co.uk"));
        assertEquals("example.com.au", RegisteredDomain.of("www.example.com.au"));
        // Not in the short list: counted together, so the guard stops early rather than late.
        assertEquals("github.io", RegisteredDomain.of("someone.github.io"));
    }
}
