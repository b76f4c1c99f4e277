package p;

import dev.jspy.annotations.Arg;
import dev.jspy.annotations.Tool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Tools in every shape the processor accepts, one nested type per shape. */
final class Toolbox {
  private Toolbox() {}

  /** Static tools only, so {@code ClockTools.of()} takes no target. */
  static final class Clock {
    private Clock() {}

    /** The time in a zone. */
    @Tool
    public static String now(@Arg(desc = "an IANA zone, e.g. Europe/Paris") String zone) {
      return "12:00 " + zone;
    }
  }

  /** Tools on a record; {@code count} is overloaded, so the generated calls spell out argument types. */
  record Catalog(List<String> items) {
    /**
     * Finds items that contain a word.
     *
     * @param word what to look for
     * @param limit how many at most; all if absent
     */
    @Tool
    List<String> search(String word, Optional<Integer> limit) {
      return items.stream().filter(i -> i.contains(word)).limit(limit.orElse(items.size())).toList();
    }

    /** Counts the items that contain a word. */
    @Tool(name = "count_word")
    int count(String word) {
      return (int) items.stream().filter(i -> i.contains(word)).count();
    }

    /** Repeats the item count. */
    @Tool(name = "count_times")
    long count(int times) {
      return (long) items.size() * times;
    }

    int count() {
      return items.size();
    }
  }

  /** An interface: abstract and default methods are both called on the target. */
  interface Shelf {
    @Tool(desc = "Lends a book; completes with whether it was on the shelf.")
    CompletionStage<Boolean> lend(String title, Priority priority);

    /** How many copies of each title are in. */
    @Tool
    default Map<String, Integer> stock() {
      return Map.of("Dune", 2);
    }
  }

  /** A generic class: the target is a {@code Box<?>}. */
  static class Box<T> {
    private final T content;

    Box(T content) {
      this.content = content;
    }

    /** Describes the box. */
    @Tool
    public String describe(long id, boolean loud) {
      String s = "box " + id + " holds " + content;
      return loud ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }

    /** What is inside, as it prints. */
    @Tool
    T unwrap() {
      return content;
    }

    /** Opens the box later. */
    @Tool
    CompletableFuture<?> open() {
      return CompletableFuture.completedFuture(content);
    }
  }
}
