package dev.jspy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one summary table of {@code benchmarks/run.sh}: reads the TSV files the workloads wrote and prints, per
 * contender, per-call overhead, throughput at the highest concurrency, cold start and dependency tree, each
 * with its ratio to the floor.
 *
 * <p>Args: the results directory (default {@code target/results}).
 */
public final class Report {
  private Report() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/results");
    Map<String, String[]> perCall = read(dir.resolve("percall.tsv"), 0);
    Map<String, String[]> cold = read(dir.resolve("cold.tsv"), 0);
    Map<String, String[]> compile = read(dir.resolve("compile.tsv"), 0);
    Map<String, String[]> thr = new HashMap<>();
    int maxC = 0;
    if (Files.exists(dir.resolve("throughput.tsv"))) {
      List<String> lines = Files.readAllLines(dir.resolve("throughput.tsv"));
      for (String l : lines.subList(1, lines.size())) {
        maxC = Math.max(maxC, Integer.parseInt(l.split("\t")[0]));
      }
      for (String l : lines.subList(1, lines.size())) {
        String[] f = l.split("\t");
        if (Integer.parseInt(f[0]) == maxC) {
          thr.put(f[1], f);
        }
      }
    }
    double floorUs = num(perCall, "floor", 1);
    double floorRate = num(thr, "floor", 2);
    double floorCold = num(cold, "floor", 1);
    System.out.printf(
        Locale.ROOT,
        "%n## Summary (ratios to the hand-written OkHttp + Jackson floor)%n%n"
            + "| contender | µs/call | × floor | KB alloc/call | calls/s at C=%d, L=100 ms | %% of floor | peak threads "
            + "| cold start ms | × floor | runtime jars | MB |%n"
            + "|---|---|---|---|---|---|---|---|---|---|---|%n",
        maxC);
    for (String c : List.of("floor", "jspy", "lc4j", "spring", "bare")) {
      double us = num(perCall, c, 1);
      double kb = num(perCall, c, 2) / 1024;
      double rate = num(thr, c, 2);
      double threads = num(thr, c, 4);
      double coldMs = num(cold, c, 1);
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          c, fmt(us, "%.0f"), fmt(us / floorUs, "%.2f×"), fmt(kb, "%.1f"), fmt(rate, "%.0f"),
          fmt(100 * rate / floorRate, "%.1f%%"), fmt(threads, "%.0f"), fmt(coldMs, "%.0f"),
          fmt(coldMs / floorCold, "%.2f×"), cold.containsKey(c) ? cold.get(c)[2] : "–",
          cold.containsKey(c) ? cold.get(c)[3] : "–");
    }
    if (perCall.containsKey("jspyCacheHit")) {
      System.out.printf(
          Locale.ROOT, "%njspy cache hit (memory tier): %.1f µs/call, %.1f KB allocated/call.%n",
          num(perCall, "jspyCacheHit", 1), num(perCall, "jspyCacheHit", 2) / 1024);
    }
    if (!compile.isEmpty()) {
      double with = num(compile, "with", 1);
      double without = num(compile, "without", 1);
      System.out.printf(
          Locale.ROOT, "javac, 200 signatures: %.0f ms with jspy's processor, %.0f ms without (+%.1f ms/signature).%n",
          with, without, (with - without) / 200);
    }
  }

  private static Map<String, String[]> read(Path file, int keyColumn) throws IOException {
    Map<String, String[]> out = new HashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    List<String> lines = Files.readAllLines(file);
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split("\t");
      out.put(f[keyColumn], f);
    }
    return out;
  }

  private static double num(Map<String, String[]> m, String key, int column) {
    String[] f = m.get(key);
    return f == null || f.length <= column ? Double.NaN : Double.parseDouble(f[column]);
  }

  private static String fmt(double v, String format) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, format, v);
  }
}
