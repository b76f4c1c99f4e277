package dev.jspy.cache;

import static com.google.common.truth.Truth.assertThat;
import static dev.jspy.cache.CacheWriterMain.key;
import static dev.jspy.cache.CacheWriterMain.response;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LMCacheTest {
  private static final long WAIT = 10;

  @TempDir Path dir;

  /** A compute that counts its calls and answers at once. */
  private static final class Counting implements Supplier<CompletableFuture<LMResponse>> {
    final AtomicInteger calls = new AtomicInteger();
    final LMResponse response;

    Counting(String name) {
      this.response = response(name);
    }

    @Override
    public CompletableFuture<LMResponse> get() {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(response);
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT, TimeUnit.SECONDS);
  }

  private LMCache cache() {
    return LMCache.builder().directory(dir).build();
  }

  @Test
  void memoryHitReturnsTheResponseWithoutComputingAgain() throws Exception {
    try (LMCache cache = cache()) {
      assertThat(cache.diskAvailable()).isTrue();
      Counting compute = new Counting("q");
      LMResponse first = await(cache.get(key("q"), compute));
      LMResponse second = await(cache.get(key("q"), compute));
      assertThat(compute.calls.get()).isEqualTo(1);
      assertThat(first).isEqualTo(compute.response);
      // A hit cost no tokens, as in DSPy; the rest is the same response.
      assertThat(second.choices()).isEqualTo(first.choices());
      assertThat(second.model()).isEqualTo(first.model());
      assertThat(second.usage()).isEqualTo(Usage.NONE);
      LMCache.Result third = await(cache.lookup(key("q"), compute));
      assertThat(third.source()).isEqualTo(LMCache.Source.MEMORY);
      assertThat(third.response()).isEqualTo(first);
      assertThat(cache.stats()).isEqualTo(new LMCache.Stats(2, 0, 0, 1));
    }
  }

  @Test
  void diskHitInANewCacheOnTheSameDirectory() throws Exception {
    Counting compute = new Counting("q");
    try (LMCache cache = cache()) {
      await(cache.get(key("q"), compute));
    }
    assertThat(Files.exists(dir.resolve("cache.db"))).isTrue();
    try (LMCache cache = cache()) {
      LMCache.Result r = await(cache.lookup(key("q"), compute));
      assertThat(r.source()).isEqualTo(LMCache.Source.DISK);
      assertThat(r.response()).isEqualTo(compute.response); // usage kept on disk
      assertThat(await(cache.lookup(key("q"), compute)).source()).isEqualTo(LMCache.Source.MEMORY);
      assertThat(cache.stats()).isEqualTo(new LMCache.Stats(1, 1, 0, 0));
    }
    assertThat(compute.calls.get()).isEqualTo(1);
  }

  @Test
  void diskOnlyCacheSeesItsOwnWritesAtOnce() throws Exception {
    try (LMCache cache = LMCache.builder().directory(dir).memory(false).build()) {
      Counting compute = new Counting("q");
      await(cache.get(key("q"), compute));
      assertThat(await(cache.lookup(key("q"), compute)).source()).isEqualTo(LMCache.Source.DISK);
      assertThat(compute.calls.get()).isEqualTo(1);
    }
  }

  @Test
  void codeChainedOnADiskHitMayWaitForAnotherLookup() throws Exception {
    try (LMCache cache = LMCache.builder().directory(dir).memory(false).build()) {
      await(cache.get(key("a"), new Counting("a")));
      await(cache.get(key("b"), new Counting("b")));
      Counting never = new Counting("never");
      // Blocking inside a continuation is poor style, but it must not deadlock the disk thread.
      CompletableFuture<String> both =
          cache
              .get(key("a"), never)
              .thenApply(a -> a.text() + " & " + cache.get(key("b"), never).join().text());
      assertThat(await(both)).isEqualTo("answer to a & answer to b");
      assertThat(never.calls.get()).isEqualTo(0);
    }
  }

  @Test
  void theMemoryTierIsBounded() throws Exception {
    try (LMCache cache = LMCache.builder().directory(dir).disk(false).memoryMaxEntries(10).build()) {
      for (int i = 0; i < 200; i++) {
        await(cache.get(key("q" + i), new Counting("q" + i)));
      }
      assertThat(cache.memoryEntries()).isAtMost(10);
    }
    assertThrows(IllegalArgumentException.class, () -> LMCache.builder().memoryMaxEntries(0));
  }

  @Test
  void theDefaultDirectoryIsTheEnvironmentsOrDotJspyCache() {
    String env = System.getenv(LMCache.ENV_DIRECTORY);
    Path expected =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".jspy_cache");
    assertThat(LMCache.defaultDirectory()).isEqualTo(expected);
    try (LMCache cache = LMCache.builder().disk(false).build()) {
      assertThat(cache.directory()).isEqualTo(expected);
      assertThat(cache.diskAvailable()).isFalse();
    }
  }

  @Test
  void aRequestWithOtherParametersMisses() throws Exception {
    try (LMCache cache = cache()) {
      Counting compute = new Counting("q");
      var base = CacheWriterMain.request("q");
      String cold = LMCache.key("m", null, base.withParam("temperature", 0.0), java.util.Map.of());
      String warm = LMCache.key("m", null, base.withParam("temperature", 1.0), java.util.Map.of());
      await(cache.get(cold, compute));
      await(cache.get(warm, compute));
      await(cache.get(cold, compute));
      assertThat(compute.calls.get()).isEqualTo(2);
    }
  }

  @Test
  void concurrentIdenticalLookupsMakeOneCall() throws Exception {
    int callers = 100;
    CompletableFuture<LMResponse> upstream = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (LMCache cache = cache()) {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<CompletableFuture<LMCache.Result>>> submitted = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        submitted.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return cache.lookup(
                      key("q"),
                      () -> {
                        calls.incrementAndGet();
                        return upstream;
                      });
                },
                pool));
      }
      go.countDown();
      List<CompletableFuture<LMCache.Result>> results = new ArrayList<>();
      for (var s : submitted) {
        results.add(await(s));
      }
      // Every caller is registered; none is answered until the one call completes, from another thread.
      assertThat(results.stream().noneMatch(CompletableFuture::isDone)).isTrue();
      Thread completer = new Thread(() -> upstream.complete(response("q")));
      completer.start();
      completer.join(TimeUnit.SECONDS.toMillis(WAIT));
      int computed = 0;
      for (var r : results) {
        LMCache.Result result = await(r);
        assertThat(result.response()).isEqualTo(response("q"));
        if (result.source() == LMCache.Source.COMPUTED) {
          computed++;
        }
      }
      assertThat(calls.get()).isEqualTo(1);
      assertThat(computed).isEqualTo(1);
      assertThat(cache.stats().misses()).isEqualTo(1);
      assertThat(cache.stats().shared()).isEqualTo(callers - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sharersGetNoUsage() throws Exception {
    CompletableFuture<LMResponse> upstream = new CompletableFuture<>();
    try (LMCache cache = cache()) {
      CompletableFuture<LMResponse> leader = cache.get(key("q"), () -> upstream);
      CompletableFuture<LMResponse> sharer = cache.get(key("q"), () -> upstream);
      upstream.complete(response("q"));
      assertThat(await(leader).usage()).isEqualTo(response("q").usage());
      assertThat(await(sharer).usage()).isEqualTo(Usage.NONE);
    }
  }

  @Test
  void aFailureIsNotCached() throws Exception {
    try (LMCache cache = cache()) {
      AtomicInteger calls = new AtomicInteger();
      Supplier<CompletableFuture<LMResponse>> flaky =
          () ->
              calls.incrementAndGet() == 1
                  ? CompletableFuture.failedFuture(new IllegalStateException("boom"))
                  : CompletableFuture.completedFuture(response("q"));
      ExecutionException e = assertThrows(ExecutionException.class, () -> await(cache.get(key("q"), flaky)));
      assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("boom");
      assertThat(await(cache.get(key("q"), flaky))).isEqualTo(response("q"));
      assertThat(calls.get()).isEqualTo(2);
      assertThat(await(cache.lookup(key("q"), flaky)).source()).isEqualTo(LMCache.Source.MEMORY);
    }
  }

  @Test
  void aComputeThatThrowsFailsTheLookup() throws Exception {
    try (LMCache cache = cache()) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  await(
                      cache.get(
                          key("q"),
                          () -> {
                            throw new IllegalArgumentException("bad request");
                          })));
      assertThat(e).hasCauseThat().isInstanceOf(IllegalArgumentException.class);
      assertThat(await(cache.get(key("q"), new Counting("q")))).isEqualTo(response("q"));
    }
  }

  @Test
  void cancellingOneSharerKeepsTheCallAndCancellingAllCancelsIt() throws Exception {
    try (LMCache cache = cache()) {
      CompletableFuture<LMResponse> upstream = new CompletableFuture<>();
      CompletableFuture<LMResponse> a = cache.get(key("q"), () -> upstream);
      CompletableFuture<LMResponse> b = cache.get(key("q"), () -> upstream);
      assertThat(a.cancel(true)).isTrue();
      assertThat(upstream.isCancelled()).isFalse();
      upstream.complete(response("q"));
      assertThat(await(b).text()).isEqualTo("answer to q");

      CompletableFuture<LMResponse> upstream2 = new CompletableFuture<>();
      CountDownLatch called = new CountDownLatch(1);
      Supplier<CompletableFuture<LMResponse>> compute =
          () -> {
            called.countDown();
            return upstream2;
          };
      CompletableFuture<LMResponse> c = cache.get(key("r"), compute);
      CompletableFuture<LMResponse> d = cache.get(key("r"), compute);
      // compute runs on a callback thread after the disk miss; wait for the call to be under way.
      assertThat(called.await(WAIT, TimeUnit.SECONDS)).isTrue();
      c.cancel(true);
      d.cancel(true);
      d.cancel(true); // twice is harmless
      // The cancel reaches upstream2 from the compute thread if compute was still returning: wait for it.
      assertThrows(CancellationException.class, () -> upstream2.get(WAIT, TimeUnit.SECONDS));
      assertThrows(CancellationException.class, () -> c.getNow(null));
      // The next lookup starts afresh.
      assertThat(await(cache.get(key("r"), new Counting("r"))).text()).isEqualTo("answer to r");
    }
  }

  @Test
  void cancellingEveryCallerBeforeTheDiskAnswersSkipsTheCall() throws Exception {
    try (LMCache cache = cache()) {
      AtomicInteger calls = new AtomicInteger();
      CompletableFuture<LMResponse> a =
          cache.get(
              key("q"),
              () -> {
                calls.incrementAndGet();
                return new CompletableFuture<>();
              });
      a.cancel(true);
      // Whatever the race, nothing hangs and a later lookup works.
      assertThat(await(cache.get(key("q"), new Counting("q"))).text()).isEqualTo("answer to q");
      assertThat(calls.get()).isAtMost(1);
    }
  }

  @Test
  void aCorruptFileIsWarnedOnceAndMemoryCarriesOn() throws Exception {
    byte[] garbage = new byte[8192];
    new Random(42).nextBytes(garbage);
    Files.write(dir.resolve("cache.db"), garbage);
    try (LMCache cache = cache()) {
      assertThat(cache.diskAvailable()).isFalse();
      assertThat(cache.memoryEnabled()).isTrue();
      Counting compute = new Counting("q");
      assertThat(await(cache.get(key("q"), compute))).isEqualTo(compute.response);
      assertThat(await(cache.lookup(key("q"), compute)).source()).isEqualTo(LMCache.Source.MEMORY);
      assertThat(await(cache.get(key("other"), new Counting("other"))).text()).isEqualTo("answer to other");
      assertThat(compute.calls.get()).isEqualTo(1);
      assertThat(cache.warningsLogged()).isEqualTo(1);
    }
    // The garbage is left alone, not overwritten.
    assertThat(Files.readAllBytes(dir.resolve("cache.db"))).isEqualTo(garbage);
  }

  @Test
  void aDirectoryThatCannotBeCreatedLeavesMemoryOnly() throws Exception {
    Path file = dir.resolve("plain-file");
    Files.writeString(file, "not a directory");
    try (LMCache cache = LMCache.builder().directory(file.resolve("cache")).build()) {
      assertThat(cache.diskAvailable()).isFalse();
      Counting compute = new Counting("q");
      await(cache.get(key("q"), compute));
      await(cache.get(key("q"), compute));
      assertThat(compute.calls.get()).isEqualTo(1);
      assertThat(cache.warningsLogged()).isEqualTo(1);
    }
  }

  @Test
  void aDisabledCacheAlwaysComputes() throws Exception {
    try (LMCache cache = LMCache.disabled()) {
      assertThat(cache.diskAvailable()).isFalse();
      assertThat(cache.memoryEnabled()).isFalse();
      Counting compute = new Counting("q");
      await(cache.get(key("q"), compute));
      LMCache.Result second = await(cache.lookup(key("q"), compute));
      assertThat(second.source()).isEqualTo(LMCache.Source.COMPUTED);
      assertThat(second.response().usage()).isEqualTo(compute.response.usage());
      assertThat(compute.calls.get()).isEqualTo(2);
      assertThat(cache.warningsLogged()).isEqualTo(0);
    }
  }

  @Test
  void aClosedCacheRefusesLookups() {
    LMCache cache = cache();
    cache.close();
    cache.close();
    assertThrows(IllegalStateException.class, () -> cache.get(key("q"), new Counting("q")));
  }

  @Test
  void twoJvmsShareOneDirectory() throws Exception {
    int n = 1000;
    Path log = dir.resolve("child.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CacheWriterMain.class.getName(),
                dir.toString(),
                "child-",
                Integer.toString(n))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      try (LMCache cache = cache()) {
        assertThat(cache.diskAvailable()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("ready")) {
          assertThat(child.isAlive()).isTrue();
          assertThat(System.nanoTime() < deadline).isTrue();
          Thread.sleep(20);
        }
        try (Writer w = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
          w.write("go\n");
        }
        for (int i = 0; i < n; i++) {
          String name = "parent-" + i;
          await(cache.get(key(name), () -> CompletableFuture.completedFuture(response(name))));
        }
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(0);
      assertThat(Files.readString(log)).contains("done");
    } finally {
      child.destroyForcibly();
    }
    try (LMCache fresh = cache()) {
      Supplier<CompletableFuture<LMResponse>> never =
          () -> CompletableFuture.failedFuture(new AssertionError("should have been a disk hit"));
      for (String prefix : List.of("parent-", "child-")) {
        for (int i = 0; i < n; i++) {
          LMCache.Result r = await(fresh.lookup(key(prefix + i), never));
          assertThat(r.source()).isEqualTo(LMCache.Source.DISK);
          assertThat(r.response()).isEqualTo(response(prefix + i));
        }
      }
      assertThat(fresh.stats().diskHits()).isEqualTo(2L * n);
    }
  }

  // --- the disk tier opens in the background ----------------------------------------------------------------

  /** Holds the disk tier's open on the disk thread until released. */
  private static final class HeldOpen implements Runnable {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile Thread diskThread;

    @Override
    public void run() {
      diskThread = Thread.currentThread();
      started.countDown();
      try {
        release.await(WAIT * 6, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void awaitStarted() throws InterruptedException {
      assertThat(started.await(WAIT, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aLookupDuringTheOpenDoesNotWaitForItAndItsEntryLandsOnDiskAfter() throws Exception {
    Path sub = dir.resolve("sub");
    HeldOpen held = new HeldOpen();
    try (LMCache cache = LMCache.builder().directory(sub).beforeDiskOpen(held).build()) {
      held.awaitStarted();
      assertThat(cache.awaitDiskOpen(Duration.ZERO)).isFalse();
      assertThat(cache.toString()).contains("disk=opening");
      Counting compute = new Counting("q");
      // A cold cache cannot hit: the lookup computes at once instead of waiting for the open.
      CompletableFuture<LMCache.Result> r = cache.lookup(key("q"), compute);
      assertThat(r.isDone()).isTrue();
      assertThat(r.join().source()).isEqualTo(LMCache.Source.COMPUTED);
      assertThat(cache.get(key("q"), compute).isDone()).isTrue(); // memory hit
      assertThat(Files.exists(sub)).isFalse(); // nothing touched the disk yet
      held.release.countDown();
      assertThat(cache.awaitDiskOpen(Duration.ofSeconds(WAIT))).isTrue();
      assertThat(cache.diskAvailable()).isTrue();
      // The write queued behind the open has landed.
      cache.resetMemory();
      assertThat(await(cache.lookup(key("q"), compute)).source()).isEqualTo(LMCache.Source.DISK);
      assertThat(compute.calls.get()).isEqualTo(1);
      assertThat(cache.stats()).isEqualTo(new LMCache.Stats(1, 1, 0, 1));
    } finally {
      held.release.countDown();
    }
  }

  @Test
  void aWarmCacheAnswersTheFirstLookupFromDiskEvenWhileOpening() throws Exception {
    Counting compute = new Counting("q");
    try (LMCache cache = cache()) {
      await(cache.get(key("q"), compute));
    }
    HeldOpen held = new HeldOpen();
    try (LMCache cache = LMCache.builder().directory(dir).beforeDiskOpen(held).build()) {
      held.awaitStarted();
      // cache.db exists, so the entry may be there: the read queues behind the open, off the caller's thread.
      CompletableFuture<LMCache.Result> r = cache.lookup(key("q"), compute);
      assertThat(r.isDone()).isFalse();
      held.release.countDown();
      assertThat(await(r).source()).isEqualTo(LMCache.Source.DISK);
    } finally {
      held.release.countDown();
    }
    assertThat(compute.calls.get()).isEqualTo(1);
  }

  @Test
  void aDiskOnlyCacheReadsItsOwnWritesBackEvenWhileOpening() throws Exception {
    HeldOpen held = new HeldOpen();
    try (LMCache cache = LMCache.builder().directory(dir).memory(false).beforeDiskOpen(held).build()) {
      held.awaitStarted();
      Counting compute = new Counting("q");
      assertThat(cache.lookup(key("q"), compute).isDone()).isTrue(); // computed at once
      CompletableFuture<LMCache.Result> again = cache.lookup(key("q"), compute);
      held.release.countDown();
      assertThat(await(again).source()).isEqualTo(LMCache.Source.DISK);
      assertThat(compute.calls.get()).isEqualTo(1);
    } finally {
      held.release.countDown();
    }
  }

  @Test
  void aFailedOpenAfterLookupsIsWarnedOnceAndMemoryCarriesOn() throws Exception {
    Path file = dir.resolve("plain-file");
    Files.writeString(file, "not a directory");
    HeldOpen held = new HeldOpen();
    try (LMCache cache = LMCache.builder().directory(file.resolve("cache")).beforeDiskOpen(held).build()) {
      held.awaitStarted();
      Counting compute = new Counting("q");
      assertThat(cache.lookup(key("q"), compute).join().source()).isEqualTo(LMCache.Source.COMPUTED);
      held.release.countDown();
      assertThat(cache.awaitDiskOpen(Duration.ofSeconds(WAIT))).isTrue();
      assertThat(cache.warningsLogged()).isEqualTo(1);
      assertThat(cache.diskAvailable()).isFalse();
      assertThat(await(cache.lookup(key("q"), compute)).source()).isEqualTo(LMCache.Source.MEMORY);
      assertThat(await(cache.get(key("r"), new Counting("r"))).text()).isEqualTo("answer to r");
      assertThat(cache.warningsLogged()).isEqualTo(1);
    } finally {
      held.release.countDown();
    }
  }

  @Test
  void closeRightAfterBuildNeitherHangsNorLeaksTheDiskThread() throws Exception {
    for (int i = 0; i < 3; i++) {
      HeldOpen seen = new HeldOpen();
      seen.release.countDown(); // only to learn the disk thread
      long start = System.nanoTime();
      LMCache cache = LMCache.builder().directory(dir.resolve("c" + i)).beforeDiskOpen(seen).build();
      cache.close();
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(WAIT);
      assertThat(cache.awaitDiskOpen(Duration.ZERO)).isTrue();
      assertThat(cache.diskAvailable()).isFalse();
      seen.awaitStarted();
      seen.diskThread.join(TimeUnit.SECONDS.toMillis(WAIT));
      assertThat(seen.diskThread.isAlive()).isFalse();
      assertThrows(IllegalStateException.class, () -> cache.get(key("q"), new Counting("q")));
    }
  }

  @Test
  void closeDuringTheOpenWritesTheQueuedEntriesOnceOpen() throws Exception {
    HeldOpen held = new HeldOpen();
    Counting compute = new Counting("q");
    LMCache cache = LMCache.builder().directory(dir).beforeDiskOpen(held).build();
    try {
      held.awaitStarted();
      await(cache.get(key("q"), compute));
      CompletableFuture<Void> closing = CompletableFuture.runAsync(cache::close);
      assertThat(closing.isDone()).isFalse(); // it waits for the open, then the write
      held.release.countDown();
      await(closing);
    } finally {
      held.release.countDown();
      cache.close();
    }
    held.diskThread.join(TimeUnit.SECONDS.toMillis(WAIT));
    assertThat(held.diskThread.isAlive()).isFalse();
    try (LMCache fresh = cache()) {
      assertThat(await(fresh.lookup(key("q"), compute)).source()).isEqualTo(LMCache.Source.DISK);
    }
    assertThat(compute.calls.get()).isEqualTo(1);
  }
}
