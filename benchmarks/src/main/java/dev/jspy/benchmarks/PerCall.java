package dev.jspy.benchmarks;

import dev.jspy.lm.LM;
import dev.jspy.cache.LMCache;
import dev.jspy.lm.OpenAiLM;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-call overhead (issue 7, workload 1) and the cost of a cache hit (issue 5): one blocking typed call per
 * operation against an in-process {@link LoopbackServer} that answers at once. Each contender builds its
 * request, sends it over loopback HTTP/1.1 (keep-alive), and parses the reply into its typed result; the
 * loopback round trip and the server's own work are in every number alike, so the floor shows their cost.
 *
 * <p>Run through {@link PerCallMain}, which alternates the contenders and adds {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PerCall {

  /** The server and one contender, built per fork. */
  @State(Scope.Benchmark)
  public abstract static class Base {
    LoopbackServer server;
    Contender contender;

    abstract String name();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      server = new LoopbackServer(0);
      contender = Contender.create(name(), server.baseUrl(), 4);
      contender.check(contender.call());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      contender.close();
      server.close();
    }
  }

  /** The bare JDK HttpClient: a constant jspy-sized body, the reply read as a string (no typed result). */
  public static class BareState extends Base {
    @Override
    String name() {
      return "bare";
    }
  }

  /** jspy's generated predictor, cache off. */
  public static class JspyState extends Base {
    @Override
    String name() {
      return "jspy";
    }
  }

  /** jspy's generated predictor with OpenTelemetry tracing and Micrometer metrics on, cache off. */
  public static class JspyObservedState extends Base {
    @Override
    String name() {
      return "jspyObserved";
    }
  }

  /** jspy's generated predictor with one callback that does nothing, cache off. */
  public static class JspyNoopCallbackState extends Base {
    @Override
    String name() {
      return "jspyNoopCallback";
    }
  }

  /** jspy's generated predictor with OpenTelemetry tracing on, cache off. */
  public static class JspyTracedState extends Base {
    @Override
    String name() {
      return "jspyTraced";
    }
  }

  /** jspy's generated predictor with Micrometer metrics on, cache off. */
  public static class JspyMeteredState extends Base {
    @Override
    String name() {
      return "jspyMetered";
    }
  }

  /** The hand-written OkHttp + Jackson floor. */
  public static class FloorState extends Base {
    @Override
    String name() {
      return "floor";
    }
  }

  /** LangChain4j AiServices. */
  public static class Lc4jState extends Base {
    @Override
    String name() {
      return "lc4j";
    }
  }

  /** Spring AI ChatClient. */
  public static class SpringState extends Base {
    @Override
    String name() {
      return "spring";
    }
  }

  /** jspy with its default cache (memory + SQLite disk) in a temp directory, warmed with the one input. */
  @State(Scope.Benchmark)
  public static class CacheHitState {
    LoopbackServer server;
    Path dir;
    LMCache cache;
    OpenAiLM lm;
    BenchRagPredict predict;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      server = new LoopbackServer(0);
      dir = Files.createTempDirectory("jspy-bench-cache");
      cache = LMCache.builder().directory(dir).build();
      lm = LM.builder("openai/bench").apiBase(server.baseUrl()).apiKey("bench-key").cache(cache).build();
      predict = new BenchRagPredict();
      predict.lm(lm);
      BenchRagOutput o = predict.forward(Inputs.QUESTION, Inputs.CONTEXT, Inputs.LANGUAGE);
      Inputs.check("jspy-cache-hit", o.answer(), o.confidence(), o.sources());
      server.resetStats();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      if (server.requests() != 0) {
        throw new IllegalStateException("cache hits reached the server " + server.requests() + " times");
      }
      lm.close();
      cache.close();
      server.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public Object bare(BareState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object jspy(JspyState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object jspyObserved(JspyObservedState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object jspyNoopCallback(JspyNoopCallbackState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object jspyTraced(JspyTracedState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object jspyMetered(JspyMeteredState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object floor(FloorState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object lc4j(Lc4jState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object spring(SpringState s) {
    return s.contender.call();
  }

  @Benchmark
  public Object jspyCacheHit(CacheHitState s) {
    return s.predict.forward(Inputs.QUESTION, Inputs.CONTEXT, Inputs.LANGUAGE);
  }
}
