package dev.jspy;

import dev.jspy.lm.Message;
import dev.jspy.lm.Usage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent LM calls, by predictors or made directly ({@code lm.call}), as DSPy's history: messages, replies, usage, timing, the
 * adapter that served and whether the cache answered. Bounded (oldest dropped first) and thread-safe.
 * {@link #inspect(int)} renders entries as DSPy's {@code inspect_history} prints them.
 */
public final class History {
  /**
   * Entries kept unless {@link #maxSize(int)} says otherwise. DSPy keeps 10,000; a service keeping every
   * prompt that long can hold hundreds of megabytes, so jspy keeps fewer.
   */
  public static final int DEFAULT_MAX_SIZE = 1_000;

  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  /**
   * One LM call.
   *
   * @param timestamp when the reply arrived (local time, as DSPy records it)
   * @param model the LM's model
   * @param adapter the adapter that formatted the prompt and parsed the reply, or {@code null} for a direct
   *     LM call
   * @param messages the messages sent
   * @param outputs each completion's text
   * @param usage the tokens the server reported
   * @param duration from sending to the reply
   * @param cacheHit whether the reply came from the cache
   */
  public record Entry(
      LocalDateTime timestamp,
      String model,
      String adapter,
      List<Message> messages,
      List<String> outputs,
      Usage usage,
      Duration duration,
      boolean cacheHit) {
    /** Copies the lists. */
    public Entry {
      messages = List.copyOf(messages);
      outputs = List.copyOf(outputs);
    }
  }

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private volatile int maxSize = DEFAULT_MAX_SIZE;

  History() {}

  /** @return whether entries are kept at all ({@link #maxSize(int)} above 0) */
  public boolean enabled() {
    return maxSize > 0;
  }

  synchronized void add(Entry e) {
    if (maxSize == 0) {
      return;
    }
    while (entries.size() >= maxSize) {
      entries.removeFirst();
    }
    entries.addLast(e);
  }

  /**
   * @param size the most entries to keep; 0 turns history off
   * @return this history
   */
  public synchronized History maxSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
    maxSize = size;
    while (entries.size() > maxSize) {
      entries.removeFirst();
    }
    return this;
  }

  /**
   * @param n how many
   * @return the last {@code n} entries, oldest first
   */
  public synchronized List<Entry> last(int n) {
    List<Entry> all = new ArrayList<>(entries);
    return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
  }

  /** @return every entry kept, oldest first */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Forgets every entry. */
  public synchronized void clear() {
    entries.clear();
  }

  /**
   * The last {@code n} calls as DSPy's {@code inspect_history} prints them (without terminal colours).
   *
   * @param n how many calls
   * @return the text, ready to print
   */
  public String inspect(int n) {
    StringBuilder out = new StringBuilder();
    for (Entry e : last(n)) {
      out.append("\n\n\n\n");
      out.append('[').append(ISO.format(e.timestamp())).append("]\n\n");
      for (Message m : e.messages()) {
        out.append(capitalize(m.role())).append(" message:\n\n");
        out.append(m.content().strip()).append('\n');
        out.append("\n\n");
      }
      out.append("Response:\n\n");
      out.append(e.outputs().isEmpty() ? "" : e.outputs().get(0).strip()).append("\n\n");
      if (e.outputs().size() > 1) {
        out.append(" \t (and ").append(e.outputs().size() - 1).append(" other completions)\n");
      }
    }
    out.append("\n\n\n\n");
    return out.toString();
  }

  /** Python's {@code str.capitalize}: first character upper case, the rest lower case. */
  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
