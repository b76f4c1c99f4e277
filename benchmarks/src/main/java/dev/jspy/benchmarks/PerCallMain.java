package dev.jspy.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link PerCall} one contender per JMH fork, alternating the contenders' order every round, with
 * {@code -prof gc}; prints the median µs/op and bytes/op over the rounds.
 *
 * <p>Warm-up is 6 one-second iterations per fork: with 2 (the default until issue 11) the forks still
 * measured the JIT compiling the call path, 2-4 times the steady-state cost, and most for the contender with
 * the most code on that path.
 *
 * <p>Args (optional): {@code --rounds 3 --warmup 6 --iterations 5 --seconds 1 --benchmarks
 * floor,jspy,lc4j,spring,jspyCacheHit,bare --out percall.tsv}.
 */
public final class PerCallMain {
  private PerCallMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "6"));
    int iterations = Integer.parseInt(opt.getOrDefault("iterations", "5"));
    int seconds = Integer.parseInt(opt.getOrDefault("seconds", "1"));
    List<String> names =
        Arrays.asList(opt.getOrDefault("benchmarks", "floor,jspy,lc4j,spring,jspyCacheHit,bare").split(","));
    Map<String, List<double[]>> scores = new LinkedHashMap<>();
    for (String n : names) {
      scores.put(n, new ArrayList<>());
    }
    for (int r = 0; r < rounds; r++) {
      List<String> order = new ArrayList<>(names);
      Collections.rotate(order, r);
      if (r % 2 == 1) {
        Collections.reverse(order);
      }
      for (String n : order) {
        Options o =
            new OptionsBuilder()
                .include(PerCall.class.getName() + "\\." + n + "$")
                .forks(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgs(jvmArgs())
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(o).run();
        RunResult rr = results.iterator().next();
        double us = rr.getPrimaryResult().getScore();
        Result<?> alloc = rr.getSecondaryResults().get("gc.alloc.rate.norm");
        double bytes = alloc == null ? Double.NaN : alloc.getScore();
        scores.get(n).add(new double[] {us, bytes});
        System.out.printf(Locale.ROOT, "  round %d  %-13s %9.1f us/op %10.0f B/op%n", r + 1, n, us, bytes);
      }
    }
    double floor = scores.containsKey("floor") ? median(scores.get("floor"), 0) : Double.NaN;
    System.out.printf(
        Locale.ROOT,
        "%nPer-call overhead: one blocking typed call to an in-process loopback server answering at once; JMH "
            + "avgt, 1 fork x %d x %d s per round, median of %d rounds%n%n",
        iterations, seconds, rounds);
    System.out.println("| contender | µs/call | × floor | bytes allocated/call | × floor |");
    System.out.println("|---|---|---|---|---|");
    StringBuilder tsv = new StringBuilder("benchmark\tus_per_op\tbytes_per_op\n");
    double floorBytes = scores.containsKey("floor") ? median(scores.get("floor"), 1) : Double.NaN;
    for (Map.Entry<String, List<double[]>> e : scores.entrySet()) {
      double us = median(e.getValue(), 0);
      double b = median(e.getValue(), 1);
      System.out.printf(
          Locale.ROOT, "| %s | %.1f | %.2f | %.0f | %.2f |%n", e.getKey(), us, us / floor, b, b / floorBytes);
      tsv.append(String.format(Locale.ROOT, "%s\t%.2f\t%.0f%n", e.getKey(), us, b));
    }
    if (opt.containsKey("out")) {
      Files.writeString(Path.of(opt.get("out")), tsv);
    }
  }

  private static double median(List<double[]> v, int i) {
    double[] s = v.stream().mapToDouble(a -> a[i]).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /**
   * The forks' JVM arguments; {@code -Djspy.bench.jfr=FILE} records each fork with JFR (profiling, not timing);
   * {@code -Djspy.bench.simpleSpans=true} passes on to {@link ObservedJspyContender}.
   */
  private static String[] jvmArgs() {
    String jfr = System.getProperty("jspy.bench.jfr");
    String spans = "-Djspy.bench.simpleSpans=" + Boolean.getBoolean("jspy.bench.simpleSpans");
    return jfr == null
        ? new String[] {"-Xms1g", "-Xmx1g", spans}
        : new String[] {"-Xms1g", "-Xmx1g", spans, "-XX:StartFlightRecording=settings=profile,filename=" + jfr};
  }
}
