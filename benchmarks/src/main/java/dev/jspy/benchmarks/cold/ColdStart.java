package dev.jspy.benchmarks.cold;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the cold mains: each in a fresh JVM ({@code java -cp <classes>:<that contender's runtime jars> Main
 * <url>}) from process start to exit right after the first typed result is printed, contenders alternating,
 * median of the runs; and each contender's runtime dependency tree (jars and MB of its classpath file, made by
 * {@code mvn -Dcontender=<name> dependency:build-classpath}). jspy runs with its defaults (cache on, a fresh
 * empty {@code JSPY_CACHE_DIR} per run, so every run makes the HTTP call and creates the SQLite file) and with
 * {@code cache(false)}.
 *
 * <p>Args: {@code --url <base> --classes target/classes --cpdir target/cp --runs 5 [--out cold.tsv]}.
 */
public final class ColdStart {
  private ColdStart() {}

  private record Entry(String name, String main, String cpName, String arg) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String url = opt.get("url");
    String classes = opt.getOrDefault("classes", "target/classes");
    Path cpDir = Path.of(opt.getOrDefault("cpdir", "target/cp"));
    int runs = Integer.parseInt(opt.getOrDefault("runs", "5"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Entry> entries =
        List.of(
            new Entry("JVM only (no HTTP)", "ColdNothing", null, null),
            new Entry("floor", "ColdFloor", "floor", null),
            new Entry("jspy", "ColdJspy", "jspy", null),
            new Entry("jspy cache(false)", "ColdJspy", "jspy", "nocache"),
            new Entry("lc4j", "ColdLc4j", "lc4j", null),
            new Entry("spring", "ColdSpring", "spring", null));
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (Entry e : entries) {
      times.put(e.name(), new ArrayList<>());
    }
    for (int r = 0; r < runs + 1; r++) { // run 0 warms the OS page cache and is not counted
      List<Entry> order = new ArrayList<>(entries);
      Collections.rotate(order, r);
      if (r % 2 == 1) {
        Collections.reverse(order);
      }
      for (Entry e : order) {
        String cp = classes + (e.cpName() == null ? "" : File.pathSeparator + read(cpDir.resolve(e.cpName() + ".txt")));
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp, ColdStart.class.getPackageName() + "." + e.main(), url));
        if (e.arg() != null) {
          cmd.add(e.arg());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Path cacheDir = Files.createTempDirectory("jspy-cold-cache");
        pb.environment().put("JSPY_CACHE_DIR", cacheDir.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        deleteTree(cacheDir);
        if (status != 0) {
          throw new IllegalStateException(e.name() + " failed (" + status + "):\n" + out);
        }
        if (r > 0) {
          times.get(e.name()).add(ms);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "Cold start: fresh JVM (%s, default flags) from launch to exit after the first typed result, median of "
            + "%d alternating runs; runtime dependency tree of each contender%n%n",
        Runtime.version(), runs);
    System.out.println("| contender | wall ms (median) | min–max | jars | MB |");
    System.out.println("|---|---|---|---|---|");
    StringBuilder tsv = new StringBuilder("contender\tcold_ms\tjars\tmb\n");
    for (Entry e : entries) {
      List<Double> v = times.get(e.name());
      Collections.sort(v);
      double med = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
      long jars = 0;
      long bytes = 0;
      if (e.cpName() != null) {
        for (String jar : read(cpDir.resolve(e.cpName() + ".txt")).split(File.pathSeparator)) {
          if (!jar.isBlank()) {
            jars++;
            bytes += Files.size(Path.of(jar));
          }
        }
      }
      System.out.printf(
          Locale.ROOT, "| %s | %.0f | %.0f–%.0f | %d | %.1f |%n", e.name(), med, v.get(0), v.get(v.size() - 1), jars,
          bytes / 1048576.0);
      tsv.append(String.format(Locale.ROOT, "%s\t%.0f\t%d\t%.1f%n", e.name(), med, jars, bytes / 1048576.0));
    }
    if (opt.containsKey("out")) {
      Files.writeString(Path.of(opt.get("out")), tsv);
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p).trim();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
