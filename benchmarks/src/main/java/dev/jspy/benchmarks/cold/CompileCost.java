package dev.jspy.benchmarks.cold;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Compile cost (issue 7, workload 4): {@code javac} (a fresh process, as a build tool's forked compile) over
 * 200 {@code @Signature} interfaces of the benchmark's shape (3 typed inputs, 3 typed outputs), with jspy's
 * processor on the processor path versus {@code -proc:none}; alternating, median of the runs. Same classpath
 * (jspy's runtime and annotations) both ways.
 *
 * <p>Args: {@code --cpdir target/cp --count 200 --runs 3 [--modules all] [--out compile.tsv]}; reads
 * {@code jspy.txt} (the classpath) and {@code processor.txt} (the processor path) in {@code cpdir}. By default
 * the interfaces are plain {@code @Signature}s (the processor generates {@code Input}, {@code Output} and
 * {@code Predict}, which holds {@code SPEC}); {@code --modules all} has every one opt in to
 * {@code chainOfThought = true, react = true} as well.
 */
public final class CompileCost {
  private CompileCost() {}

  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> opt = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path cpDir = Path.of(opt.getOrDefault("cpdir", "target/cp"));
    int count = Integer.parseInt(opt.getOrDefault("count", "200"));
    int runs = Integer.parseInt(opt.getOrDefault("runs", "3"));
    boolean allModules = opt.getOrDefault("modules", "none").equals("all");
    String optIn = allModules ? ", chainOfThought = true, react = true" : "";
    String classpath = Files.readString(cpDir.resolve("jspy.txt")).trim();
    String processorPath = Files.readString(cpDir.resolve("processor.txt")).trim();
    String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();

    Path work = Files.createTempDirectory("jspy-compile-cost");
    Path src = Files.createDirectories(work.resolve("src/bench/gen"));
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "Sig%03d", i);
      Path f = src.resolve(name + ".java");
      Files.writeString(
          f,
          "package bench.gen;\n\nimport dev.jspy.annotations.Signature;\n\n"
              + "/** Answer question " + i + " from the context. */\n"
              + "@Signature(value = \"question: String, context: String, language: String -> answer: String, "
              + "confidence: double, sources: List<String>\"" + optIn + ")\n"
              + "public interface " + name + " {}\n",
          StandardCharsets.UTF_8);
      sources.add(f.toString());
    }
    // Variant 0: -proc:none over the interfaces; 1: with the processor; 2: -proc:none over the interfaces plus
    // the sources the processor generated (what compiling the generated code costs without running it).
    String[] labels = {"-proc:none, interfaces only", "with jspy's processor", "-proc:none, interfaces + generated sources"};
    List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<String> generatedSources = new ArrayList<>();
    for (int r = 0; r < runs + 1; r++) { // run 0 warms the page cache (and generates the sources) and is not counted
      List<Integer> order = new ArrayList<>(List.of(1, 0, 2));
      Collections.rotate(order, r);
      if (r == 0) {
        order = List.of(1, 0, 2);
      }
      for (int variant : order) {
        Path out = work.resolve("out-" + r + "-" + variant);
        Files.createDirectories(out.resolve("gen"));
        List<String> cmd = new ArrayList<>(List.of(javac, "-d", out.toString(), "-cp", classpath));
        if (variant == 1) {
          cmd.addAll(List.of("-processorpath", processorPath, "-s", out.resolve("gen").toString()));
        } else {
          cmd.add("-proc:none");
        }
        cmd.addAll(sources);
        if (variant == 2) {
          cmd.addAll(generatedSources);
        }
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new IllegalStateException("javac failed:\n" + log);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (r > 0) {
          times.get(variant).add(ms);
        } else if (variant == 1) {
          Path keep = Files.createDirectories(work.resolve("generated"));
          try (var files = Files.walk(out.resolve("gen"))) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
              Path copy = keep.resolve(out.resolve("gen").relativize(f));
              Files.createDirectories(copy.getParent());
              Files.copy(f, copy);
              generatedSources.add(copy.toString());
            }
          }
        }
      }
    }
    deleteTree(work);
    double wo = median(times.get(0));
    double w = median(times.get(1));
    double pre = median(times.get(2));
    System.out.printf(
        Locale.ROOT,
        "Compile cost: javac (%s, fresh process) over %d @Signature%s interfaces (3 inputs, 3 outputs), median of "
            + "%d alternating runs; the processor generates %d source files (%d per signature)%n%n",
        Runtime.version(), count, allModules ? "(chainOfThought, react)" : "", runs, generatedSources.size(),
        generatedSources.size() / count);
    System.out.println("| javac | wall ms | per signature ms |");
    System.out.println("|---|---|---|");
    for (int i = 0; i < 3; i++) {
      double v = median(times.get(i));
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f |%n", labels[i], v, v / count);
    }
    System.out.printf(
        Locale.ROOT,
        "%nThe processor adds %.0f ms (%.1f ms per signature) to the build; compiling the generated code accounts "
            + "for %.0f ms of it, running the processor for %.0f ms.%n",
        w - wo, (w - wo) / count, pre - wo, w - pre);
    if (opt.containsKey("out")) {
      Files.writeString(
          Path.of(opt.get("out")),
          String.format(
              Locale.ROOT, "variant\tms%nwithout\t%.0f%nwith\t%.0f%npregenerated\t%.0f%n", wo, w, pre));
    }
  }

  private static double median(List<Double> v) {
    Collections.sort(v);
    return v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
