package dev.jspy.evaluate;

import dev.jspy.internal.py.PyFloat;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Evaluate's progress, as DSPy's tqdm bar describes it ({@code Average Metric: 7.00 / 10 (70.0%)}, over the
 * examples that did not fail): a line rewritten with {@code \r} on a terminal, else an INFO log line per
 * tenth of the dev set.
 */
final class Progress {
  private static final int BAR = 20;

  private final PrintStream terminal; // null: log lines
  private final Logger log;
  private final int total;
  private final long startNanos = System.nanoTime();
  private int lastTenth;

  Progress(PrintStream terminal, Logger log, int total) {
    this.terminal = terminal;
    this.log = log;
    this.total = total;
  }

  /** DSPy's description: {@code f"Average Metric: {sum:.2f} / {n} ({round(100 * sum / n, 1)}%)"}. */
  static String description(double sum, int scored) {
    String pct = scored == 0 ? "0" : PyFloat.repr(pyRound(100 * sum / scored, 1));
    return String.format(Locale.ROOT, "Average Metric: %s / %d (%s%%)", format2(sum), scored, pct);
  }

  /** Python's {@code f"{x:.2f}"}: round half to even on the double's exact value. */
  static String format2(double x) {
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Python's {@code round(x, digits)} for finite x: correctly rounded, ties to even on the exact value. */
  static double pyRound(double x, int digits) {
    if (!Double.isFinite(x)) {
      return x;
    }
    return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
  }

  synchronized void update(int done, double sum, int scored) {
    String desc = description(sum, scored);
    if (terminal != null) {
      terminal.print("\r" + bar(desc, done));
      terminal.flush();
    } else {
      int tenth = total == 0 ? 10 : done * 10 / total;
      if (tenth > lastTenth || done == total) {
        lastTenth = tenth;
        log.info("{} ({} of {} examples done)", desc, done, total);
      }
    }
  }

  synchronized void close() {
    if (terminal != null) {
      terminal.println();
      terminal.flush();
    }
  }

  /** tqdm's default line: {@code desc: 50%|██████████          | 5/10 [00:01<00:01, 4.12it/s]}. */
  private String bar(String desc, int done) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    int filled = total == 0 ? BAR : done * BAR / total;
    double rate = elapsed > 0 ? done / elapsed : 0;
    double remaining = rate > 0 ? (total - done) / rate : 0;
    return String.format(Locale.ROOT, "%s: %3d%%|%s%s| %d/%d [%s<%s, %.2fit/s]", desc,
        total == 0 ? 100 : done * 100 / total, "\u2588".repeat(filled), " ".repeat(BAR - filled), done, total,
        clock(elapsed), clock(remaining), rate);
  }

  private static String clock(double seconds) {
    long s = (long) seconds;
    return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }
}
