package dev.jspy.internal.py;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CPython 3.11's {@code random.Random}, ported exactly: the same seed gives the same numbers, shuffles and
 * samples, so jspy's optimizers pick the demos DSPy picks ({@code random.Random(0).shuffle(trainset)} and
 * friends). MT19937 seeded as CPython's {@code random_seed} does (init_by_array over the 32-bit words of
 * |seed|), with {@code random}, {@code getrandbits}, {@code _randbelow}, {@code randrange}, {@code randint},
 * {@code choice}, {@code shuffle} and {@code sample} as in {@code Lib/random.py}.
 *
 * <p>Not thread-safe, like a Python {@code Random} shared across threads without a lock. Internal: may
 * change in any release.
 */
public final class PyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int mti = N + 1;

  /**
   * {@code random.Random(seed)} for an int seed (negative seeds use |seed|, as CPython does).
   *
   * @param seed the seed
   */
  public PyRandom(long seed) {
    this(BigInteger.valueOf(seed));
  }

  /**
   * {@code random.Random(seed)} for an int seed of any size.
   *
   * @param seed the seed
   */
  public PyRandom(BigInteger seed) {
    seed(seed);
  }

  /**
   * {@code random.Random(seed)} for a str seed (version 2: the UTF-8 bytes followed by their SHA-512,
   * read as a big-endian integer), as DSPy's BootstrapFewShot seeds from a hash string.
   *
   * @param seed the seed
   */
  public PyRandom(String seed) {
    seed(seed);
  }

  /**
   * Re-seeds, as {@code random.seed(a)} with an int.
   *
   * @param seed the seed
   */
  public void seed(BigInteger seed) {
    BigInteger n = seed.abs();
    int words = Math.max(1, (n.bitLength() + 31) / 32);
    int[] key = new int[words];
    for (int i = 0; i < words; i++) {
      key[i] = n.shiftRight(32 * i).intValue();
    }
    initByArray(key);
  }

  /**
   * Re-seeds, as {@code random.seed(a)} with a str (version 2).
   *
   * @param seed the seed
   */
  public void seed(String seed) {
    byte[] a = seed.getBytes(StandardCharsets.UTF_8);
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-512").digest(a);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required of every JVM", e);
    }
    byte[] all = new byte[a.length + digest.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(digest, 0, all, a.length, digest.length);
    seed(new BigInteger(1, all));
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (mti = 1; mti < N; mti++) {
      mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
    }
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** The next 32 random bits, as an unsigned value in an int (MT19937's genrand_uint32). */
  private int genrand() {
    int y;
    if (mti >= N) {
      int kk;
      for (kk = 0; kk < N - M; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      }
      y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      mti = 0;
    }
    y = mt[mti++];
    y ^= (y >>> 11);
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= (y >>> 18);
    return y;
  }

  /**
   * {@code random()}: a float in [0, 1) with 53 random bits.
   *
   * @return the number
   */
  public double random() {
    long a = (genrand() >>> 5) & 0xffffffffL;
    long b = (genrand() >>> 6) & 0xffffffffL;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /**
   * {@code getrandbits(k)}: a non-negative int with {@code k} random bits.
   *
   * @param k how many bits, at least 0
   * @return the number
   */
  public BigInteger getrandbits(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("number of bits must be non-negative");
    }
    if (k <= 63) {
      return BigInteger.valueOf(bits(k));
    }
    int words = (k - 1) / 32 + 1;
    byte[] bigEndian = new byte[words * 4];
    for (int i = 0; i < words; i++, k -= 32) {
      int r = genrand();
      if (k < 32) {
        r >>>= 32 - k;
      }
      int at = (words - 1 - i) * 4;
      bigEndian[at] = (byte) (r >>> 24);
      bigEndian[at + 1] = (byte) (r >>> 16);
      bigEndian[at + 2] = (byte) (r >>> 8);
      bigEndian[at + 3] = (byte) r;
    }
    return new BigInteger(1, bigEndian);
  }

  /** getrandbits for 0 &lt;= k &lt;= 63, drawing the same words in the same order as CPython. */
  private long bits(int k) {
    if (k == 0) {
      return 0;
    }
    if (k <= 32) {
      return (genrand() >>> (32 - k)) & 0xffffffffL;
    }
    long low = genrand() & 0xffffffffL;
    long high = (genrand() >>> (64 - k)) & 0xffffffffL;
    return low | (high << 32);
  }

  /**
   * {@code _randbelow(n)} (CPython's {@code _randbelow_with_getrandbits}): an int in [0, n) by rejection.
   *
   * @param n the bound, at least 1 (0 gives 0, as CPython's does)
   * @return the number
   */
  public long randbelow(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("randbelow needs n >= 0, got " + n);
    }
    int k = 64 - Long.numberOfLeadingZeros(n);
    long r = bits(k);
    while (r >= n) {
      r = bits(k);
    }
    return r;
  }

  /**
   * {@code randrange(stop)}.
   *
   * @param stop the exclusive bound, at least 1
   * @return an int in [0, stop)
   */
  public long randrange(long stop) {
    if (stop > 0) {
      return randbelow(stop);
    }
    throw new IllegalArgumentException("empty range for randrange()");
  }

  /**
   * {@code randrange(start, stop)}.
   *
   * @param start the inclusive start
   * @param stop the exclusive stop
   * @return an int in [start, stop)
   */
  public long randrange(long start, long stop) {
    return randrange(start, stop, 1);
  }

  /**
   * {@code randrange(start, stop, step)}.
   *
   * @param start the inclusive start
   * @param stop the exclusive stop
   * @param step the step, not 0
   * @return {@code start + step * i} for a random {@code i}
   */
  public long randrange(long start, long stop, long step) {
    long width = Math.subtractExact(stop, start);
    if (step == 1) {
      if (width > 0) {
        return start + randbelow(width);
      }
      throw new IllegalArgumentException(
          "empty range for randrange() (" + start + ", " + stop + ", " + width + ")");
    }
    long n;
    if (step > 0) {
      n = Math.floorDiv(width + step - 1, step);
    } else if (step < 0) {
      n = Math.floorDiv(width + step + 1, step);
    } else {
      throw new IllegalArgumentException("zero step for randrange()");
    }
    if (n <= 0) {
      throw new IllegalArgumentException("empty range for randrange()");
    }
    return start + step * randbelow(n);
  }

  /**
   * {@code randint(a, b)}: an int in [a, b], both included.
   *
   * @param a the lowest value
   * @param b the highest value
   * @return the number
   */
  public long randint(long a, long b) {
    return randrange(a, Math.addExact(b, 1));
  }

  /**
   * {@code choice(seq)}.
   *
   * @param seq a non-empty list
   * @param <T> the element type
   * @return one element
   */
  public <T> T choice(List<T> seq) {
    if (seq.isEmpty()) {
      throw new IndexOutOfBoundsException("Cannot choose from an empty sequence");
    }
    return seq.get((int) randbelow(seq.size()));
  }

  /**
   * {@code shuffle(x)}: shuffles the list in place.
   *
   * @param x a mutable list
   */
  public void shuffle(List<?> x) {
    for (int i = x.size() - 1; i >= 1; i--) {
      int j = (int) randbelow(i + 1);
      Collections.swap(x, i, j);
    }
  }

  /**
   * {@code sample(population, k)}: {@code k} distinct positions' elements, in selection order, with the
   * same of CPython's two algorithms (pool or set) its {@code setsize} rule chooses.
   *
   * @param population the population (left unchanged)
   * @param k how many, 0 to its size
   * @param <T> the element type
   * @return a new list
   */
  public <T> List<T> sample(List<T> population, int k) {
    int n = population.size();
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("Sample larger than population or is negative");
    }
    List<T> result = new ArrayList<>(k);
    long setsize = 21;
    if (k > 5) {
      setsize += (long) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
    }
    if (n <= setsize) {
      List<T> pool = new ArrayList<>(population);
      for (int i = 0; i < k; i++) {
        int j = (int) randbelow(n - i);
        result.add(pool.get(j));
        pool.set(j, pool.get(n - i - 1));
      }
    } else {
      Set<Integer> selected = new HashSet<>();
      for (int i = 0; i < k; i++) {
        int j = (int) randbelow(n);
        while (selected.contains(j)) {
          j = (int) randbelow(n);
        }
        selected.add(j);
        result.add(population.get(j));
      }
    }
    return result;
  }
}
