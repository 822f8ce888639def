package io.acmectl.challenge.dns;

import org.xbill.DNS.Rcode;

/** What a refused RFC 2136 update most likely means, in words a user can act on. */
final class UpdateRefusals {
    private UpdateRefusals() {}

    /** A clause starting with ": ", or nothing when the code says it all. */
    static String hint(int rcode, int tsigError, String keyName) {
        String hint = switch (tsigError) {
            case Rcode.BADSIG -> "the secret or the algorithm of TSIG key " + keyName + " is not the server's";
            case Rcode.BADKEY -> "the server knows no TSIG key " + keyName + " with this algorithm";
            case Rcode.BADTIME -> "the clocks of this host and the server differ by more than 5 minutes";
            default -> byRcode(rcode, keyName);
        };
        return hint == null ? "" : ": " + hint;
    }

    private static String byRcode(int rcode, String keyName) {
        return switch (rcode) {
            case Rcode.REFUSED -> "TSIG key " + keyName
                    + " may not update this zone there (allow-update, update-policy)";
            case Rcode.NOTAUTH -> "the server is not the primary of this zone";
            case Rcode.NOTZONE -> "the name is not in this zone: name the right zone, or leave it to the SOA lookup";
            case Rcode.SERVFAIL -> "the server could not apply it (its log says why)";
            default -> null;
        };
    }
}
