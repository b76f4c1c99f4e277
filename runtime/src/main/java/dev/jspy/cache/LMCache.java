package dev.jspy.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jspy.lm.CacheTier;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.ResponseCache;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LM response cache, as DSPy's {@code dspy.cache}: an in-memory tier in front of an on-disk tier.
 *
 * <ul>
 *   <li><b>Memory</b>: a Caffeine cache bounded by entry count (default {@value #DEFAULT_MEMORY_MAX_ENTRIES},
 *       DSPy's {@code memory_max_entries}); Caffeine evicts by frequency and recency (W-TinyLFU) where DSPy
 *       uses plain LRU.
 *   <li><b>Disk</b>: one SQLite file, {@code cache.db}, in the cache directory ({@code $JSPY_CACHE_DIR}, else
 *       {@code ~/.jspy_cache}, as DSPy's {@code $DSPY_CACHEDIR} / {@code ~/.dspy_cache}); table
 *       {@code cache_v2(key TEXT PRIMARY KEY, value TEXT, sha256 BLOB, created_at INTEGER)}, the value a small
 *       JSON form of the {@link LMResponse} (choices' text and finish reason, usage, model), {@code sha256}
 *       a checksum of the key and the value. WAL mode and a 5 s busy timeout let several JVMs share one
 *       directory. The disk tier has no size limit (DSPy's default limit is 30 GB); delete the file to empty
 *       it.
 * </ul>
 *
 * <p><b>Damaged files.</b> A disk entry answers a lookup only if its checksum, recomputed from the key
 * looked up and the bytes read, matches: a damaged file (flipped bytes in a value, an index pointing at
 * another request's row) can cost a call, never give one request another's reply or garbled text. Such an
 * entry is a miss — the LM is called and its response replaces the entry — and is warned about (the first
 * time, then at most once a minute, naming the file and the start of the key, never the prompt). Damage that
 * SQLite itself reports turns the disk tier off, as below. Entries of the table earlier versions wrote,
 * {@code cache}, carry no checksum and are never read (they are left for an older jspy sharing the
 * directory).
 *
 * <p><b>Opening.</b> Building a cache returns at once: the disk tier opens in the background, as the first
 * task of its disk thread (loading sqlite-jdbc's native library, creating the directory and the file,
 * switching it to WAL: some 150 ms in a fresh JVM). Until then a lookup does not wait for it when the disk
 * cannot hold the answer — {@code cache.db} did not exist when the cache was built, and (with the memory tier
 * off) nothing has been written since — it is then a disk miss, and the computed response's disk write is
 * queued behind the open. When {@code cache.db} existed, a lookup's disk read queues behind the open instead,
 * so a warm cache still answers the first call from disk. A failed open is warned about once and leaves the
 * memory tier alone, as below.
 *
 * <p><b>Lookups and threads.</b> {@link #get} answers a memory hit at once, on the caller's thread, in well
 * under a microsecond. Otherwise the disk is read on the cache's one disk thread (SQLite work never runs on a
 * caller's thread, so an OkHttp callback that chains the next call is not held up), and its answer is handed
 * to a pooled callback thread: a disk hit is promoted to memory and completes the caller's future there; on
 * a miss {@code compute} is called there (on the caller's thread when there is no disk tier) and should just
 * start the work and return its future, as {@code LM.acall} does. A computed response completes the callers'
 * futures on the thread that completed {@code compute}'s future (OkHttp's, for an LM); it is stored in memory
 * at once and written to disk in the background; a failure is not stored.
 *
 * <p><b>One call per request.</b> Concurrent lookups of one key share a single lookup and a single
 * {@code compute}: the first caller leads, the others join it until it completes (a failure is handed to
 * everyone waiting then, and the next lookup tries again). Every caller gets a future of its own;
 * cancelling it detaches that caller only, and when every caller has cancelled, the computation's future is
 * cancelled too (which for an {@code OpenAiLM} cancels the HTTP call).
 *
 * <p><b>Usage.</b> As DSPy does, a response that did not cost this caller a call — a memory or disk hit, or
 * a share of another caller's call — comes back from {@link #get} with {@link Usage#NONE}; the stored
 * response keeps the usage of the call that made it. {@link #lookup} gives the stored response untouched,
 * with where it came from.
 *
 * <p><b>Failures.</b> A cache directory that cannot be created, a {@code cache.db} that is not a SQLite
 * database, a read-only or full disk: each turns the disk tier off with a single SLF4J warning and the
 * memory tier carries on; the cache never fails a call. Lock contention beyond the busy timeout drops just
 * that read (a miss) or write.
 *
 * <p><b>Keys and secrets.</b> See {@link #key}: the API key is not an input, so it is never hashed, stored
 * or logged by the cache. Prompts and responses are stored on disk in clear text.
 *
 * <p>Thread-safe. {@link #close()} writes out queued disk writes (waiting up to 10 s) and closes the
 * database; the cache must not be used afterwards.
 */
public final class LMCache implements AutoCloseable, ResponseCache {
  /** The environment variable naming the cache directory. */
  public static final String ENV_DIRECTORY = "JSPY_CACHE_DIR";

  /** Entries the memory tier holds unless the builder says otherwise (DSPy's default). */
  public static final long DEFAULT_MEMORY_MAX_ENTRIES = 1_000_000;

  private static final Logger log = LoggerFactory.getLogger(LMCache.class);
  private static final long CLOSE_TIMEOUT_MILLIS = 10_000;
  private static final long OPEN_WAIT_MILLIS = 30_000;

  /** Where a looked-up response came from. */
  public enum Source {
    /** The in-memory tier. */
    MEMORY,
    /** The on-disk tier (now also in memory). */
    DISK,
    /** Another caller's lookup of the same key, in flight when this one arrived. */
    SHARED,
    /** {@code compute}, called for this caller: a miss. */
    COMPUTED
  }

  /**
   * A looked-up response.
   *
   * @param response the response as stored (its usage is the original call's)
   * @param source where it came from
   */
  public record Result(LMResponse response, Source source) {
    /** @return whether this caller's {@code compute} was not called */
    public boolean hit() {
      return source != Source.COMPUTED;
    }
  }

  /**
   * Counts since the cache was built.
   *
   * @param memoryHits lookups answered from memory
   * @param diskHits lookups answered from disk
   * @param shared lookups that joined another caller's lookup of the same key
   * @param misses calls of {@code compute}
   */
  public record Stats(long memoryHits, long diskHits, long shared, long misses) {
    /** @return lookups that did not call {@code compute} */
    public long hits() {
      return memoryHits + diskHits + shared;
    }
  }

  private final Path directory;
  private final Cache<String, LMResponse> memory;
  private final DiskTier disk;
  private final ConcurrentHashMap<String, Flight> inFlight = new ConcurrentHashMap<>();
  private final AtomicBoolean warned = new AtomicBoolean();
  private final AtomicInteger warnings = new AtomicInteger();
  private final AtomicLong badEntries = new AtomicLong();
  private final AtomicInteger badEntryWarnings = new AtomicInteger();
  private final WarningLimiter badEntryLimiter = new WarningLimiter(1, TimeUnit.MINUTES, System::nanoTime);
  private final LongAdder memoryHits = new LongAdder();
  private final LongAdder diskHits = new LongAdder();
  private final LongAdder shared = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();
  // Set once a response is queued for the disk with no memory tier to answer it: from then on a lookup reads
  // the disk even while it is still opening, as the entry may be there.
  private volatile boolean diskWritten;

  private LMCache(Builder b) {
    this.directory = b.directory != null ? b.directory : defaultDirectory();
    this.memory = b.memory ? Caffeine.newBuilder().maximumSize(b.memoryMaxEntries).build() : null;
    // Returns at once; the open runs on the disk thread.
    this.disk = b.disk ? DiskTier.open(
                directory,
                this::diskFailed,
                key -> badEntry(key, "its checksum does not match this request (a damaged file)"),
                b.beforeDiskOpen) : null;
  }

  /** @return a builder: both tiers on, the default directory, {@value #DEFAULT_MEMORY_MAX_ENTRIES} entries */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a cache with both tiers on and the defaults, as DSPy's default {@code dspy.cache} */
  public static LMCache create() {
    return builder().build();
  }

  /** @return a cache that stores nothing: every lookup calls {@code compute} */
  public static LMCache disabled() {
    return builder().memory(false).disk(false).build();
  }

  /** @return {@code $JSPY_CACHE_DIR} if set and not blank, else {@code ~/.jspy_cache} */
  public static Path defaultDirectory() {
    String env = System.getenv(ENV_DIRECTORY);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".jspy_cache");
  }

  /**
   * The cache key of a request: the SHA-256 (64 lowercase hex digits) of a canonical JSON of
   *
   * <ul>
   *   <li>{@code model}, as sent to the server (e.g. {@code gpt-4o-mini} without jspy's {@code openai/});
   *   <li>{@code apiBase}, if not {@code null}: pass the server's base URL so two servers answering to the
   *       same model name never share entries, or {@code null} to share entries across servers as DSPy
   *       does (DSPy leaves {@code api_base} out of its keys);
   *   <li>the messages, in order, each with its role and content;
   *   <li>every parameter: the LM's {@code defaults}, overridden by the request's {@code params} ({@code null}
   *       removes one), as the request body is built;
   *   <li>the call's rollout id, if any ({@link #key(String, String, LMRequest, Map, Integer)});
   *   <li>a key-format version.
   * </ul>
   *
   * <p>Object keys are sorted at every depth, so parameter order does not matter; numbers keep their JSON
   * form, so {@code 1} and {@code 1.0} are different keys (as in DSPy). There is no API-key argument: a key,
   * and hence the cache, is the same whoever pays for the call, and secrets never reach the cache.
   *
   * @param model the model name as sent
   * @param apiBase the server's base URL, or {@code null}
   * @param request the messages and per-call parameters
   * @param defaults the LM's parameters, or {@code null} for none
   * @return the key
   * @throws IllegalArgumentException if Jackson cannot write a parameter value as JSON (values should be JSON
   *     trees: String, Number, Boolean, List, Map or JsonNode; other objects are written as Jackson sees fit)
   */
  public static String key(String model, String apiBase, LMRequest request, Map<String, Object> defaults) {
    return CacheKey.key(model, apiBase, request, defaults);
  }

  /**
   * As {@link #key(String, String, LMRequest, Map)}, for a call with a rollout id (DSPy's {@code rollout_id}):
   * the id is part of the key, so a new id misses and the same one hits again.
   *
   * @param model the model name as sent
   * @param apiBase the server's base URL, or {@code null}
   * @param request the messages and per-call parameters
   * @param defaults the LM's parameters, or {@code null} for none
   * @param rolloutId the rollout id, or {@code null} for none (then the key is the plain one)
   * @return the key
   */
  public static String key(
      String model, String apiBase, LMRequest request, Map<String, Object> defaults, Integer rolloutId) {
    return CacheKey.key(model, apiBase, request, defaults, rolloutId);
  }

  /**
   * The LM's cache link calls this: {@link #lookup(String, Supplier)} under
   * {@link #key(String, String, LMRequest, Map, Integer)} of the request (its parameters complete).
   */
  @Override
  public CompletableFuture<Hit> lookup(
      String model, String apiBase, LMRequest request, Integer rolloutId,
      Supplier<CompletableFuture<LMResponse>> compute) {
    CompletableFuture<Result> looked = lookup(key(model, apiBase, request, null, rolloutId), compute);
    CompletableFuture<Hit> out =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            looked.cancel(mayInterruptIfRunning); // detaches this caller; the last one cancels the computation
            return super.cancel(mayInterruptIfRunning);
          }
        };
    looked.whenComplete(
        (r, e) -> {
          if (e != null) {
            out.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
          } else {
            out.complete(new Hit(r.response(), tier(r.source())));
          }
        });
    return out;
  }

  private static CacheTier tier(Source source) {
    switch (source) {
      case MEMORY:
        return CacheTier.MEMORY;
      case DISK:
        return CacheTier.DISK;
      case SHARED:
        return CacheTier.SHARED;
      default:
        return CacheTier.NONE;
    }
  }

  @Override
  public String describe() {
    return (memory != null ? "memory" : "") + (memory != null && disk != null ? "+" : "")
        + (disk != null ? "disk " + directory : "") + (memory == null && disk == null ? "disabled" : "");
  }

  /**
   * Looks a response up, computing and storing it on a miss. See the class comment for the order of the
   * tiers, threads and sharing.
   *
   * @param key a key from {@link #key}
   * @param compute starts the LM call and returns its future; called at most once, only on a miss
   * @return the response; usage is {@link Usage#NONE} unless this caller's {@code compute} made it; fails as
   *     {@code compute}'s future failed
   * @throws IllegalStateException if the cache is closed
   */
  public CompletableFuture<LMResponse> get(String key, Supplier<CompletableFuture<LMResponse>> compute) {
    return lookup(key, compute, LMCache::forCaller);
  }

  /**
   * As {@link #get}, with the stored response untouched and where it came from.
   *
   * @param key a key from {@link #key}
   * @param compute starts the LM call and returns its future; called at most once, only on a miss
   * @return the response and its source
   * @throws IllegalStateException if the cache is closed
   */
  public CompletableFuture<Result> lookup(String key, Supplier<CompletableFuture<LMResponse>> compute) {
    return lookup(key, compute, Function.identity());
  }

  /** @return hit and miss counts so far */
  public Stats stats() {
    return new Stats(memoryHits.sum(), diskHits.sum(), shared.sum(), misses.sum());
  }

  /** @return the cache directory (holding {@code cache.db} when the disk tier is on) */
  public Path directory() {
    return directory;
  }

  /**
   * @return whether the disk tier is on and working; while it is still opening in the background, this waits
   *     for the open to finish (up to 30 s, then {@code false}); lookups never wait for it like this
   */
  public boolean diskAvailable() {
    return disk != null && disk.awaitOpen(OPEN_WAIT_MILLIS) && disk.available();
  }

  /** @return whether the memory tier is on */
  public boolean memoryEnabled() {
    return memory != null;
  }

  /** Empties the memory tier (DSPy's {@code reset_memory_cache}); the disk keeps its entries. */
  public void resetMemory() {
    if (memory != null) {
      memory.invalidateAll();
    }
  }

  /**
   * Writes out queued disk writes — after the disk tier's open, if that is still under way — waiting up to 10 s
   * in all, and closes the database. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (disk != null) {
      disk.close(CLOSE_TIMEOUT_MILLIS);
    }
    if (memory != null) {
      memory.invalidateAll();
    }
  }

  @Override
  public String toString() {
    return "LMCache{memory="
        + (memory == null ? "off" : "on")
        + ", disk="
        + (disk == null ? "off" : !disk.available() ? "failed" : disk.isOpen() ? disk.file() : "opening")
        + ", "
        + stats()
        + "}";
  }

  /** @return entries in the memory tier after pending evictions */
  long memoryEntries() {
    if (memory == null) {
      return 0;
    }
    memory.cleanUp();
    return memory.estimatedSize();
  }

  /**
   * Waits for the disk tier's background open to finish, whether it succeeded or not.
   *
   * @return whether it finished (or there is no disk tier) within the timeout
   */
  boolean awaitDiskOpen(Duration timeout) {
    return disk == null || disk.awaitOpen(timeout.toMillis());
  }

  /** Disk-tier warnings logged so far: at most one per cache. */
  int warningsLogged() {
    return warnings.get();
  }

  /** Disk entries found damaged and answered as misses so far. */
  long badEntries() {
    return badEntries.get();
  }

  /** Warnings logged about damaged disk entries so far: the first, then at most one a minute. */
  int badEntryWarningsLogged() {
    return badEntryWarnings.get();
  }

  // ---------------------------------------------------------------------------------------------------------

  private <T> CompletableFuture<T> lookup(
      String key, Supplier<CompletableFuture<LMResponse>> compute, Function<Result, T> view) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(compute, "compute");
    if (closed.get()) {
      throw new IllegalStateException("the LM cache is closed");
    }
    if (memory != null) {
      LMResponse hit = memory.getIfPresent(key);
      if (hit != null) {
        memoryHits.increment();
        return CompletableFuture.completedFuture(view.apply(new Result(hit, Source.MEMORY)));
      }
    }
    if (memory == null && (disk == null || !disk.available())) {
      Flight alone = new Flight(key);
      alone.join();
      CompletableFuture<T> mine = attach(alone, true, view);
      compute(alone, compute);
      return mine;
    }
    Flight[] joined = new Flight[1];
    boolean[] leads = new boolean[1];
    inFlight.compute(
        key,
        (k, existing) -> {
          if (existing != null && existing.join()) {
            joined[0] = existing;
            return existing;
          }
          Flight f = new Flight(k);
          f.join();
          joined[0] = f;
          leads[0] = true;
          return f;
        });
    Flight flight = joined[0];
    if (!leads[0]) {
      shared.increment();
      return attach(flight, false, view);
    }
    CompletableFuture<T> mine = attach(flight, true, view);
    start(flight, compute);
    return mine;
  }

  private void start(Flight flight, Supplier<CompletableFuture<LMResponse>> compute) {
    if (memory != null) {
      // A leader that finished between our memory check and our registering stored its response first.
      LMResponse hit = memory.getIfPresent(flight.key);
      if (hit != null) {
        memoryHits.increment();
        succeed(flight, hit, Source.MEMORY);
        return;
      }
    }
    if (!readDisk()) {
      compute(flight, compute);
      return;
    }
    disk.read(flight.key)
        .whenComplete(
            (text, e) -> {
              try {
                LMResponse stored = null;
                if (text != null) {
                  stored = ResponseCodec.read(text);
                  if (stored == null) {
                    badEntry(flight.key, "its checksum matches but it is not a response this version reads");
                  }
                }
                if (stored != null) {
                  diskHits.increment();
                  succeed(flight, stored, Source.DISK);
                } else {
                  compute(flight, compute);
                }
              } catch (Throwable t) {
                // Never leave a flight (and every later lookup of its key) waiting forever.
                fail(flight, t);
              }
            });
  }

  /**
   * @return whether a lookup should read the disk: it is on and working, and either open or still opening a
   *     file that may hold the answer (one that existed, or an entry written since with no memory tier)
   */
  private boolean readDisk() {
    return disk != null
        && disk.available()
        && (disk.isOpen() || disk.existedAtStart() || (memory == null && diskWritten));
  }

  private void compute(Flight flight, Supplier<CompletableFuture<LMResponse>> compute) {
    if (flight.abandoned()) {
      return;
    }
    misses.increment();
    CompletableFuture<LMResponse> upstream;
    try {
      upstream = Objects.requireNonNull(compute.get(), "compute returned null");
    } catch (Throwable t) {
      fail(flight, t);
      return;
    }
    flight.upstream = upstream;
    if (flight.abandoned()) {
      upstream.cancel(true);
    }
    upstream.whenComplete(
        (response, e) -> {
          if (e != null) {
            fail(flight, unwrap(e));
          } else if (response == null) {
            fail(flight, new NullPointerException("compute's future completed with null"));
          } else {
            succeed(flight, response, Source.COMPUTED);
          }
        });
  }

  private void succeed(Flight flight, LMResponse response, Source source) {
    if (memory != null) {
      memory.put(flight.key, response);
    }
    if (source == Source.COMPUTED && disk != null) {
      // Queued before the flight ends, so a later lookup's disk read (same thread, FIFO) sees it.
      disk.write(flight.key, () -> ResponseCodec.write(response));
      if (memory == null && !diskWritten) {
        diskWritten = true;
      }
    }
    inFlight.remove(flight.key, flight);
    flight.result.complete(new Result(response, source));
  }

  private void fail(Flight flight, Throwable error) {
    inFlight.remove(flight.key, flight);
    flight.result.completeExceptionally(error);
  }

  private <T> CompletableFuture<T> attach(Flight flight, boolean leader, Function<Result, T> view) {
    Caller<T> mine = new Caller<>(flight);
    flight.result.whenComplete(
        (r, e) -> {
          if (e != null) {
            mine.completeExceptionally(unwrap(e));
            return;
          }
          Result seen = leader || r.source() != Source.COMPUTED ? r : new Result(r.response(), Source.SHARED);
          try {
            mine.complete(view.apply(seen));
          } catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
          }
        });
    return mine;
  }

  private void diskFailed(String what, Throwable e) {
    if (warned.compareAndSet(false, true)) {
      warnings.incrementAndGet();
      log.warn(
          "jspy cache: {}: {}; {}",
          what,
          e,
          memory != null ? "caching in memory only from now on" : "not caching from now on");
      log.debug("jspy cache: disk tier failure", e);
    }
  }

  /**
   * A disk entry failed its check and was answered as a miss: counted, and warned about the first time and then
   * at most once a minute. The message names the file and the start of the key (a hash): never the prompt, the
   * stored reply, or anything secret.
   */
  private void badEntry(String key, String why) {
    long n = badEntries.incrementAndGet();
    if (badEntryLimiter.tryAcquire()) {
      badEntryWarnings.incrementAndGet();
      log.warn(
          "jspy cache: ignoring the entry for key {}... in {}: {}; treating it as a miss and calling the LM"
              + " ({} such entries so far; this warning repeats at most once a minute)",
          key.substring(0, Math.min(12, key.length())),
          disk.file(),
          why,
          n);
    }
  }

  private static LMResponse forCaller(Result r) {
    if (r.source() == Source.COMPUTED) {
      return r.response();
    }
    return new LMResponse(r.response().choices(), Usage.NONE, r.response().model());
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** One lookup of a key that callers wait on: the leader's, joined by later callers of the same key. */
  private final class Flight {
    final String key;
    final CompletableFuture<Result> result = new CompletableFuture<>();
    volatile CompletableFuture<LMResponse> upstream;
    private int waiters;
    private boolean abandoned;

    Flight(String key) {
      this.key = key;
    }

    /** @return whether the caller joined; {@code false} once every earlier caller has cancelled */
    synchronized boolean join() {
      if (abandoned) {
        return false;
      }
      waiters++;
      return true;
    }

    synchronized boolean abandoned() {
      return abandoned;
    }

    /** A caller cancelled: the last one out cancels the work. */
    void release() {
      synchronized (this) {
        if (--waiters > 0 || result.isDone()) {
          return;
        }
        abandoned = true;
      }
      inFlight.remove(key, this);
      CompletableFuture<LMResponse> u = upstream;
      if (u != null) {
        u.cancel(true);
      }
      result.cancel(false);
    }
  }

  /** A caller's own future: cancelling it detaches this caller from the flight. */
  private static final class Caller<T> extends CompletableFuture<T> {
    private final Flight flight;
    private final AtomicBoolean released = new AtomicBoolean();

    Caller(Flight flight) {
      this.flight = flight;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled && released.compareAndSet(false, true)) {
        flight.release();
      }
      return cancelled;
    }
  }

  /** Builds an {@link LMCache}. */
  public static final class Builder {
    private Path directory;
    private long memoryMaxEntries = DEFAULT_MEMORY_MAX_ENTRIES;
    private boolean memory = true;
    private boolean disk = true;
    private Runnable beforeDiskOpen;

    private Builder() {}

    /**
     * @param directory where {@code cache.db} lives (created if missing); default {@link #defaultDirectory()}
     * @return this builder
     */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * @param n the most responses the memory tier holds
     * @return this builder
     */
    public Builder memoryMaxEntries(long n) {
      if (n <= 0) {
        throw new IllegalArgumentException("memoryMaxEntries must be positive, got " + n);
      }
      this.memoryMaxEntries = n;
      return this;
    }

    /**
     * @param on whether to keep responses in memory
     * @return this builder
     */
    public Builder memory(boolean on) {
      this.memory = on;
      return this;
    }

    /**
     * @param on whether to keep responses on disk
     * @return this builder
     */
    public Builder disk(boolean on) {
      this.disk = on;
      return this;
    }

    /** Tests: run on the disk thread before the disk tier opens (to hold the open, or see the thread). */
    Builder beforeDiskOpen(Runnable hook) {
      this.beforeDiskOpen = hook;
      return this;
    }

    /**
     * Builds the cache and returns at once, the disk tier opening in the background (see the class comment); a
     * disk that cannot be used is warned about and left out.
     *
     * @return the cache
     */
    public LMCache build() {
      return new LMCache(this);
    }
  }
}
