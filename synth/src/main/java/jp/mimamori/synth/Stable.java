package jp.mimamori.synth;

/**
 * Randomness that depends only on (seed, what, who) and not on the order of generation. Renderings
 * of a record (variant kanji, typos, a missing field) must stay the same from one month to the next,
 * because a department stores a name once; the monthly simulation itself uses a sequential RNG.
 */
final class Stable {

    private Stable() {
    }

    /** SplitMix64 finaliser: a good 64-bit mixer, cheap enough to call per field. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a, long b, long c) {
        return mix(mix(mix(seed ^ 0x9E3779B97F4A7C15L) + a) + b * 0x632BE59BD9B4E019L + c);
    }

    /** Uniform in [0, 1). */
    static double unit(long seed, long a, long b, long c) {
        return (hash(seed, a, b, c) >>> 11) * 0x1.0p-53;
    }

    static int below(long seed, long a, long b, long c, int bound) {
        return (int) Math.floorMod(hash(seed, a, b, c), (long) bound);
    }
}
