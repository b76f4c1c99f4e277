package dev.jspy.it;

import dev.jspy.annotations.Arg;
import dev.jspy.annotations.Tool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small library an agent can ask about books: one synchronous tool and one async tool, whose result
 * completes on another executor after a random delay of up to {@code maxDelayMillis}.
 */
class Library {
  final AtomicInteger authorCalls = new AtomicInteger();
  final AtomicInteger pageCalls = new AtomicInteger();
  private final Executor executor;
  private final int maxDelayMillis;

  Library(Executor executor, int maxDelayMillis) {
    this.executor = executor;
    this.maxDelayMillis = maxDelayMillis;
  }

  /** Finds who wrote a book. */
  @Tool
  String lookup_author(@Arg(desc = "the book's exact title") String title) {
    authorCalls.incrementAndGet();
    return author(title);
  }

  /** Counts the pages of one edition of a book. */
  @Tool
  CompletableFuture<Integer> page_count(
      @Arg(desc = "the book's exact title") String title, @Arg(desc = "which edition, from 1") int edition) {
    pageCalls.incrementAndGet();
    int delay = maxDelayMillis == 0 ? 0 : ThreadLocalRandom.current().nextInt(maxDelayMillis + 1);
    return CompletableFuture.supplyAsync(
        () -> pages(title, edition), CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, executor));
  }

  static String author(String title) {
    return title.equals("Dune") ? "Frank Herbert" : "Author of " + title;
  }

  static int pages(String title, int edition) {
    return title.length() * 100 + edition;
  }
}
