package dev.jspy.streaming;

import dev.jspy.internal.py.PyStrings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds one output field in the text deltas of streamed LM replies and emits it as {@link FieldChunk}s: a
 * faithful port of DSPy 3.3.1's {@code StreamListener.receive}/{@code finalize}, with the same quirks, so
 * a reply streams here exactly as it does in DSPy.
 *
 * <p>It waits for the field's start marker ({@code [[ ## name ## ]]}, {@code "name":} or {@code <name>}),
 * which may be split across deltas. It then passes text on as it arrives, holding back only what could
 * still become the end marker (at most the last ten deltas), and flushes the held text when the end is
 * seen: the next {@code [[ ## ... ## ]]} marker (trailing whitespace cut), the next JSON key or the object's
 * end (found by partial JSON parsing, as DSPy's {@code jiter}), or {@code </name>}. A reply that already holds
 * the whole field in the delta that opens it (a cached reply replayed in one piece) emits nothing, as in
 * DSPy; so does a reply that never opens the field.
 *
 * <p>One detector serves one listener for one program run, across all the LM calls of its predictor. After
 * the field ended it ignores further replies, unless the listener {@linkplain StreamListener#allowReuse()
 * allows reuse}: then the next delta starts over. Not thread-safe: feed it from one thread at a time.
 */
public final class FieldDetector {
  private static final int HELD_DELTAS = 10;

  private final StreamFormat format;
  private final String predictName;
  private final String fieldName;
  private final boolean allowReuse;
  private final String startMarker;
  private final String startIndicator;
  private final List<String> endPrefixes;
  private final String endContains;

  private final List<String> startQueue = new ArrayList<>();
  private ArrayDeque<String> endQueue = new ArrayDeque<>();
  private final StringBuilder jsonSoFar = new StringBuilder();
  private boolean streamStart;
  private boolean streamEnd;
  private boolean cacheHit;

  FieldDetector(StreamFormat format, String predictName, String fieldName, boolean allowReuse) {
    this.format = format;
    this.predictName = predictName;
    this.fieldName = fieldName;
    this.allowReuse = allowReuse;
    switch (format) {
      case CHAT:
        startMarker = "[[ ## " + fieldName + " ## ]]";
        startIndicator = "[";
        endPrefixes = List.of("[", "[[", "[[ ", "[[ #", "[[ ##");
        endContains = "[[ ##";
        break;
      case JSON:
        startMarker = "\"" + fieldName + "\":";
        startIndicator = "\"";
        endPrefixes = List.of("\"", "\",", "\" ", "\"}");
        endContains = "}";
        break;
      case XML:
        startMarker = "<" + fieldName + ">";
        startIndicator = "<";
        endPrefixes = List.of("<", "</");
        endContains = "</";
        break;
      default:
        throw new AssertionError(format);
    }
  }

  /**
   * Feeds the next text delta of the reply.
   *
   * @param delta the delta's content; {@code null} (a delta without content) is ignored
   * @return the chunk this delta completes, if any
   */
  public Optional<FieldChunk> receive(String delta) {
    if (streamEnd) {
      if (!allowReuse) {
        return Optional.empty();
      }
      streamEnd = false;
      cacheHit = false;
      startQueue.clear();
      endQueue = new ArrayDeque<>();
      jsonSoFar.setLength(0);
      streamStart = false;
    }
    if (delta == null) {
      return Optional.empty();
    }
    String message = delta;
    if (!message.isEmpty() && format != StreamFormat.JSON && message.contains(startMarker)) {
      // The whole field in the delta that opens it: a cached reply or one giant chunk. DSPy ends the
      // listener here without emitting anything; the final prediction carries the value.
      String after = message.substring(message.indexOf(startMarker) + startMarker.length());
      if (containsEndMarker(after)) {
        cacheHit = true;
        streamStart = true;
        streamEnd = true;
        return Optional.empty();
      }
    }
    if (startQueue.isEmpty() && !streamStart && message.contains(startIndicator)) {
      startQueue.add(message);
      return Optional.empty();
    }
    if (!startQueue.isEmpty() && !streamStart) {
      startQueue.add(message);
      String concat = String.join("", startQueue);
      int valueStart = afterStartMarker(concat);
      if (valueStart >= 0) {
        streamStart = true;
        startQueue.clear();
        message = lstrip(concat.substring(valueStart));
        if (format == StreamFormat.JSON) {
          // An extra "{" so that partial JSON parsing sees the next key appear.
          jsonSoFar.append('{').append(startMarker);
        }
      } else if (endsWithStartOfMarker(PyStrings.strip(concat))) {
        return Optional.empty();
      } else {
        startQueue.clear();
        return Optional.empty();
      }
    }
    if (!streamStart || message.isEmpty()) {
      return Optional.empty();
    }
    endQueue.add(message);
    String token = null;
    if (!couldFormEndMarker(PyStrings.strip(String.join("", endQueue)))) {
      token = flush();
    } else if (endQueue.size() > HELD_DELTAS) {
      token = endQueue.poll();
    }
    return format == StreamFormat.JSON ? jsonChunk(token, message) : markerChunk(token);
  }

  /**
   * Ends the reply stream, as DSPy's {@code finalize}: a field that started but saw no end marker (the LM
   * stopped early) gets its held text as the last chunk.
   *
   * @return the last chunk, if text was held back
   */
  public Optional<FieldChunk> finish() {
    if (streamEnd || !streamStart) {
      return Optional.empty();
    }
    streamEnd = true;
    if (!endQueue.isEmpty()) {
      String token = flush();
      if (!token.isEmpty()) {
        return Optional.of(new FieldChunk(predictName, fieldName, token, true));
      }
    }
    return Optional.empty();
  }

  /**
   * Notes a reply that was served from the cache. DSPy never streams those (the final prediction carries the
   * value); it is recorded so that {@link #cacheHit()} tells the stream to deliver the final prediction.
   */
  public void cachedReply() {
    cacheHit = true;
  }

  /** @return whether a reply arrived whole (from the cache, or in the one delta that opened the field) */
  public boolean cacheHit() {
    return cacheHit;
  }

  /** @return whether the field's start marker was seen */
  public boolean started() {
    return streamStart;
  }

  /** @return whether the field ended */
  public boolean ended() {
    return streamEnd;
  }

  private Optional<FieldChunk> markerChunk(String token) {
    String concat = PyStrings.strip(String.join("", endQueue));
    if (containsEndMarker(concat)) {
      streamEnd = true;
      String last = flush();
      token = rstrip(token == null || token.isEmpty() ? last : token + last);
    }
    return emit(token);
  }

  private Optional<FieldChunk> jsonChunk(String token, String message) {
    jsonSoFar.append(message);
    String soFar = jsonSoFar.toString();
    if (rstrip(soFar).endsWith("}") && PartialJson.parsesWhole(soFar)) {
      // With the extra "{" in front, a complete object means the field (and the reply) ended.
      streamEnd = true;
      String last = flush();
      String head = pySliceTo(last, last.lastIndexOf('}'));
      token = token == null || token.isEmpty() ? head : token + head;
      return Optional.of(new FieldChunk(predictName, fieldName, token, true));
    }
    List<String> keys = PartialJson.topLevelKeys(soFar);
    if (keys != null && keys.size() > 1) {
      // A second key appeared: the field ended before it.
      streamEnd = true;
      String last = flush();
      String next = keys.stream().filter(k -> !k.equals(fieldName)).findFirst().orElseThrow();
      String head = pySliceTo(last, last.indexOf(next));
      token = token == null || token.isEmpty() ? head : token + head;
    }
    return emit(token);
  }

  private Optional<FieldChunk> emit(String token) {
    if ((token != null && !token.isEmpty()) || streamEnd) {
      return Optional.of(new FieldChunk(predictName, fieldName, token == null ? "" : token, streamEnd));
    }
    return Optional.empty();
  }

  /** Takes all held text, cut at the end marker where the format has one in view. */
  private String flush() {
    String held = String.join("", endQueue);
    endQueue = new ArrayDeque<>();
    int boundary;
    switch (format) {
      case JSON:
        return held;
      case XML:
        boundary = held.indexOf("</" + fieldName + ">");
        break;
      default:
        boundary = held.indexOf("[[");
        break;
    }
    return boundary == -1 ? held : held.substring(0, boundary);
  }

  boolean couldFormEndMarker(String held) {
    for (String p : endPrefixes) {
      if (held.endsWith(p)) {
        return true;
      }
    }
    return held.contains(endContains);
  }

  /**
   * Where the field's value starts in {@code text}, just past the start marker; -1 if the marker is not
   * there. For JSON, whitespace may stand between the key and its colon ({@code "title" :}, as llama.cpp's
   * JSON grammar writes it), which DSPy 3.3.1's exact {@code "title":} match misses.
   */
  private int afterStartMarker(String text) {
    if (format != StreamFormat.JSON) {
      int at = text.indexOf(startMarker);
      return at < 0 ? -1 : at + startMarker.length();
    }
    String key = startMarker.substring(0, startMarker.length() - 1); // "name"
    for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      int i = at + key.length();
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n'
          || text.charAt(i) == '\r')) {
        i++;
      }
      if (i < text.length() && text.charAt(i) == ':') {
        return i + 1;
      }
    }
    return -1;
  }

  private boolean endsWithStartOfMarker(String held) {
    for (int i = 0; i < held.length(); i++) {
      if (startMarker.startsWith(held.substring(held.length() - i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** DSPy's end identifiers: {@code \[\[ ## (\w+) ## \]\]} (Python's Unicode {@code \w}), {@code </name>}. */
  private boolean containsEndMarker(String text) {
    if (format == StreamFormat.XML) {
      return text.contains("</" + fieldName + ">");
    }
    for (int at = text.indexOf("[[ ## "); at >= 0; at = text.indexOf("[[ ## ", at + 1)) {
      int i = at + 6;
      int nameStart = i;
      while (i < text.length()) {
        int cp = text.codePointAt(i);
        if (!PyStrings.isWordChar(cp)) {
          break;
        }
        i += Character.charCount(cp);
      }
      if (i > nameStart && text.startsWith(" ## ]]", i)) {
        return true;
      }
    }
    return false;
  }

  /** Python's {@code s[:end]}, where a negative end counts from the back (as DSPy's {@code find} of -1 does). */
  private static String pySliceTo(String s, int end) {
    int e = end < 0 ? Math.max(0, s.length() + end) : Math.min(end, s.length());
    return s.substring(0, e);
  }

  private static String lstrip(String s) {
    int i = 0;
    while (i < s.length() && PyStrings.isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String rstrip(String s) {
    int e = s.length();
    while (e > 0 && PyStrings.isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(0, e);
  }
}
