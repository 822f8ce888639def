package io.acmectl.core;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3492 Punycode, the encoding under IDNA's A-labels ({@code xn--bcher-kva}). The JDK's
 * {@code java.net.IDN} is IDNA 2003: its nameprep maps ß to ss and it hands back an undecodable
 * label unchanged, so it cannot tell a valid A-label from a broken one.
 */
final class Punycode {
    private static final int BASE = 36;
    private static final int TMIN = 1;
    private static final int TMAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 0x80;

    private Punycode() {}

    /** The code points of {@code input} as Punycode (without {@code xn--}). */
    static String encode(String input) {
        int[] points = input.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int p : points) {
            if (p < INITIAL_N) {
                out.append((char) p);
            }
        }
        int basic = out.length();
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = INITIAL_N;
        long delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < points.length) {
            int m = Integer.MAX_VALUE;
            for (int p : points) {
                if (p >= n && p < m) {
                    m = p;
                }
            }
            delta += (long) (m - n) * (handled + 1);
            n = m;
            for (int p : points) {
                if (p < n) {
                    delta++;
                } else if (p == n) {
                    appendNumber(out, delta, bias);
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    private static void appendNumber(StringBuilder out, long delta, int bias) {
        long q = delta;
        for (int k = BASE; ; k += BASE) {
            int t = threshold(k, bias);
            if (q < t) {
                break;
            }
            out.append(digit((int) (t + (q - t) % (BASE - t))));
            q = (q - t) / (BASE - t);
        }
        out.append(digit((int) q));
    }

    /** The code points Punycode {@code input} stands for, or null when it is not valid Punycode. */
    static String decode(String input) {
        int delimiter = input.lastIndexOf('-');
        List<Integer> output = new ArrayList<>();
        for (int j = 0; j < Math.max(0, delimiter); j++) {
            output.add((int) input.charAt(j));
        }
        int n = INITIAL_N;
        long i = 0;
        int bias = INITIAL_BIAS;
        int[] in = {delimiter >= 0 ? delimiter + 1 : 0};
        while (in[0] < input.length()) {
            long old = i;
            i = readNumber(input, in, i, bias);
            if (i < 0) {
                return null;
            }
            int size = output.size() + 1;
            bias = adapt(i - old, size, old == 0);
            long point = n + i / size;
            if (point > Character.MAX_CODE_POINT || (point >= 0xD800 && point <= 0xDFFF)) {
                return null;
            }
            n = (int) point;
            i %= size;
            output.add((int) i++, n);
        }
        StringBuilder text = new StringBuilder();
        output.forEach(text::appendCodePoint);
        return text.toString();
    }

    /** Adds the next variable-length number at {@code in[0]} to {@code i}; -1 when the input ends or overflows. */
    private static long readNumber(String input, int[] in, long i, int bias) {
        long w = 1;
        for (int k = BASE; ; k += BASE) {
            int digit = in[0] < input.length() ? value(input.charAt(in[0]++)) : -1;
            if (digit < 0 || i > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
                return -1;
            }
            i += digit * w;
            int t = threshold(k, bias);
            if (digit < t) {
                return i;
            }
            w *= BASE - t;
        }
    }

    private static int threshold(int k, int bias) {
        return k <= bias ? TMIN : Math.min(k - bias, TMAX);
    }

    private static int adapt(long delta, int points, boolean first) {
        long d = first ? delta / DAMP : delta / 2;
        d += d / points;
        int k = 0;
        while (d > ((BASE - TMIN) * TMAX) / 2) {
            d /= BASE - TMIN;
            k += BASE;
        }
        return (int) (k + (BASE - TMIN + 1) * d / (d + SKEW));
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        return c >= 'A' && c <= 'Z' ? c - 'A' : -1;
    }
}
