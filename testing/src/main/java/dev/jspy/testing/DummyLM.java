package dev.jspy.testing;

import dev.jspy.lm.LM;
import dev.jspy.internal.py.PyJson;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.Transport;
import dev.jspy.lm.Usage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted LM for tests, with the semantics of DSPy's {@code dspy.utils.DummyLM}: no network, no model,
 * replies written in the adapter's format from the values you give.
 *
 * <ul>
 *   <li>{@link #answers(List)}: the next answer for each call, in order; when they run out, {@code answer}
 *       is {@code "No more responses"}, as in DSPy.
 *   <li>{@link #byInput(Map)}: the answer whose key occurs in the last message (the first such key, in the
 *       map's order); {@code "No more responses"} when none does.
 *   <li>{@link #followingExamples()}: the demo reply whose input matches the current input, as DSPy's
 *       {@code follow_examples=True}; an empty reply when no demo matches (DSPy's is {@code None}).
 * </ul>
 *
 * <p>An answer maps output field names to values: strings as they are, numbers and booleans as Python
 * prints them ({@code True}, {@code 1.0}), lists and maps as JSON. By default replies are written as the
 * {@code ChatAdapter} writes a field ({@code [[ ## answer ## ]]\nred}); {@link #json()} writes them as the
 * {@code JSONAdapter} expects. Each call answers {@code n} choices when the request asks for them.
 *
 * <pre>{@code
 * DummyLM lm = DummyLM.answers(List.of(Map.of("answer", "red"), Map.of("answer", "blue")));
 * Jspy.configure(s -> s.lm(lm));
 * new QaPredict().forward("What color is the sky?").answer();   // "red"
 * lm.requests().get(0).messages();                              // what the LM was sent
 * }</pre>
 *
 * <p>Thread-safe. Like any {@link LM}, its calls are observed (callbacks, history, usage), direct
 * {@code lm.call}s included. It bypasses HTTP, the cache and retries, as DSPy's does; to put the cache and
 * retries (and interceptors) around the script, build {@code LM.builder("dummy", lm.asTransport()).build()},
 * or serve it over loopback HTTP with {@link LoopbackLMServer#serving(DummyLM)}.
 */
public final class DummyLM implements LM {
  /** DSPy's {@code field_header_pattern}, matched at the start of a message. */
  private static final Pattern HEADER = Pattern.compile("\\[\\[ ## (\\w+) ## \\]\\]", Pattern.UNICODE_CHARACTER_CLASS);

  private static final String NO_MORE = "No more responses";

  private enum Mode {
    LIST,
    BY_INPUT,
    FOLLOW_EXAMPLES
  }

  private final Mode mode;
  private final List<Map<String, Object>> list;
  private final Map<String, Map<String, Object>> byInput;
  private final boolean json;
  private final AtomicInteger next;
  private final ConcurrentLinkedQueue<LMRequest> requests;

  private DummyLM(
      Mode mode,
      List<Map<String, Object>> list,
      Map<String, Map<String, Object>> byInput,
      boolean json,
      AtomicInteger next,
      ConcurrentLinkedQueue<LMRequest> requests) {
    this.mode = mode;
    this.list = list;
    this.byInput = byInput;
    this.json = json;
    this.next = next;
    this.requests = requests;
  }

  /**
   * @param answers one map of output field name to value per call, in call order
   * @return an LM that gives them in order, then {@code answer = "No more responses"}
   */
  public static DummyLM answers(List<? extends Map<String, ?>> answers) {
    List<Map<String, Object>> copy = new ArrayList<>();
    for (Map<String, ?> a : answers) {
      copy.add(copyAnswer(a));
    }
    return new DummyLM(
        Mode.LIST, List.copyOf(copy), Map.of(), false, new AtomicInteger(), new ConcurrentLinkedQueue<>());
  }

  /**
   * @param answers answers by a text that the last message of a request must contain (first match wins,
   *     in the map's iteration order: pass a {@link LinkedHashMap} when keys may overlap)
   * @return an LM that answers by input, {@code "No more responses"} when no key matches
   */
  public static DummyLM byInput(Map<String, ? extends Map<String, ?>> answers) {
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    answers.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), copyAnswer(v)));
    return new DummyLM(
        Mode.BY_INPUT,
        List.of(),
        Collections.unmodifiableMap(copy),
        false,
        new AtomicInteger(),
        new ConcurrentLinkedQueue<>());
  }

  /** @return an LM that replies with the demo whose input matches the request's, as DSPy's {@code follow_examples} */
  public static DummyLM followingExamples() {
    return new DummyLM(
        Mode.FOLLOW_EXAMPLES, List.of(), Map.of(), false, new AtomicInteger(), new ConcurrentLinkedQueue<>());
  }

  /**
   * @return the same script (sharing its position and recorded requests) writing replies as the
   *     {@code JSONAdapter} reads them: {@code json.dumps(answer, indent=2)}
   */
  public DummyLM json() {
    return new DummyLM(mode, list, byInput, true, next, requests);
  }

  @Override
  public String model() {
    return "dummy";
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    return CompletableFuture.completedFuture(answer(request));
  }

  /**
   * @return this script as the last link of an LM's chain: {@code LM.builder("dummy", lm.asTransport())}
   *     gives it the cache, retries and interceptors too (the script's position and recorded requests are
   *     shared)
   */
  public Transport asTransport() {
    return (request, sink) -> {
      LMResponse r = answer(request);
      if (sink != null && !r.text().isEmpty()) {
        sink.delta(r.text());
      }
      return CompletableFuture.completedFuture(r);
    };
  }

  /**
   * @param request what a caller sent
   * @return the scripted reply, recording the request
   */
  LMResponse answer(LMRequest request) {
    requests.add(request);
    Object n = request.params().get("n");
    int choices = n instanceof Number ? Math.max(1, ((Number) n).intValue()) : 1;
    List<LMResponse.Choice> out = new ArrayList<>();
    for (int i = 0; i < choices; i++) {
      out.add(new LMResponse.Choice(reply(request.messages()), "stop"));
    }
    return new LMResponse(out, new Usage(0, 0, 0), "dummy");
  }

  private String reply(List<Message> messages) {
    switch (mode) {
      case FOLLOW_EXAMPLES:
        String example = useExample(messages);
        return example == null ? "" : example;
      case BY_INPUT:
        String last = messages.isEmpty() ? "" : nullToEmpty(messages.get(messages.size() - 1).content());
        for (Map.Entry<String, Map<String, Object>> e : byInput.entrySet()) {
          if (last.contains(e.getKey())) {
            return format(e.getValue());
          }
        }
        return NO_MORE;
      case LIST:
      default:
        int i = next.getAndIncrement();
        return format(i < list.size() ? list.get(i) : Map.of("answer", NO_MORE));
    }
  }

  /** DSPy's {@code DummyLM._use_example}, step for step. */
  private static String useExample(List<Message> messages) {
    if (messages.isEmpty()) {
      return null;
    }
    Map<String, Integer> fields = new LinkedHashMap<>();
    for (Message m : messages) {
      String content = nullToEmpty(m.content());
      Matcher ma = HEADER.matcher(content);
      if (ma.lookingAt()) {
        fields.merge(content.substring(ma.start(), ma.end()), 1, Integer::sum);
      }
    }
    if (fields.isEmpty()) {
      return null; // DSPy raises here (max() of nothing); no demo can match
    }
    int max = Collections.max(fields.values());
    List<String> outputFields = new ArrayList<>();
    fields.forEach((f, count) -> {
      if (count != max) {
        outputFields.add(f);
      }
    });
    String lastContent = nullToEmpty(messages.get(messages.size() - 1).content());
    int cut = lastContent.indexOf("\n\n");
    String finalInput = cut < 0 ? lastContent : lastContent.substring(0, cut);
    // zip(reversed(messages[:-1]), reversed(messages)): (m[k-1], m[k]) from the end backwards
    for (int k = messages.size() - 1; k >= 1; k--) {
      String input = nullToEmpty(messages.get(k - 1).content());
      String output = nullToEmpty(messages.get(k).content());
      boolean hasOutputField = false;
      for (String f : outputFields) {
        if (output.contains(f)) {
          hasOutputField = true;
          break;
        }
      }
      if (hasOutputField && input.contains(finalInput)) {
        return output;
      }
    }
    return null;
  }

  private String format(Map<String, Object> answer) {
    if (json) {
      return PyJson.dumps(answer, 2);
    }
    List<String> parts = new ArrayList<>();
    answer.forEach((name, value) -> parts.add("[[ ## " + name + " ## ]]\n" + PyJson.str(value)));
    return String.join("\n\n", parts).strip();
  }

  /** @return every request this LM (and every {@link #json()} view of it) received, in order */
  public List<LMRequest> requests() {
    return List.copyOf(requests);
  }

  /** Nothing to release. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "DummyLM(" + mode.name().toLowerCase(java.util.Locale.ROOT) + (json ? ", json" : "") + ")";
  }

  private static Map<String, Object> copyAnswer(Map<String, ?> answer) {
    Map<String, Object> copy = new LinkedHashMap<>();
    answer.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"), v));
    return Collections.unmodifiableMap(copy);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
