package dev.jspy.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The on-disk tier: one SQLite file, {@code cache.db}, in WAL mode with a busy timeout so several JVMs can
 * share a directory. Its one connection is used only by one dedicated daemon thread, which runs every read and
 * write in order as a short auto-commit statement; callers never wait on SQLite, and a read's answer is handed
 * to a callback thread so that no caller's code ever runs on the disk thread.
 *
 * <p>Opening is that thread's first task: {@link #open} returns at once, and loading sqlite-jdbc's native
 * library, creating the directory and the file and switching it to WAL all happen in the background. Reads and
 * writes submitted meanwhile queue behind the open (the owner decides with {@link #isOpen} and
 * {@link #existedAtStart} whether a read is worth waiting for).
 *
 * <p>A failure that is not lock contention (a file that is not a database, a read-only or full disk, …)
 * turns the tier off for good: the owner is told once through {@code onFailure}, and every later read is a
 * miss and every later write is dropped.
 */
final class DiskTier {
  static final String FILE = "cache.db";
  static final int BUSY_TIMEOUT_MILLIS = 5000;

  private static final Logger log = LoggerFactory.getLogger(DiskTier.class);

  private final Path directory;
  private final Path file;
  private final boolean existedAtStart;
  private final BiConsumer<String, Throwable> onFailure;
  private final ExecutorService executor;
  // Reads complete here, not on the disk thread: whatever the caller chains on a disk hit (or the compute
  // called after a miss) runs on one of these threads, so it can neither stall the disk thread nor deadlock
  // it by waiting for another lookup. Threads start on demand and die after a minute idle.
  private final ExecutorService callbacks;
  // Completes (normally) when the open has finished, whether it succeeded or not.
  private final CompletableFuture<Void> opened = new CompletableFuture<>();
  // Touched only on the executor's thread.
  private Connection connection;
  private PreparedStatement select;
  private PreparedStatement upsert;
  private volatile boolean open;
  private volatile boolean available = true;

  private DiskTier(Path directory, BiConsumer<String, Throwable> onFailure) {
    this.directory = directory;
    this.file = directory.resolve(FILE);
    this.onFailure = onFailure;
    // One stat on the caller's thread: a file that is not there yet holds nothing a read could find.
    this.existedAtStart = Files.exists(file);
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "jspy-cache-disk");
              t.setDaemon(true);
              return t;
            });
    // An idle cache holds no thread; the next disk operation starts one again.
    ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    AtomicInteger callbackThreads = new AtomicInteger();
    this.callbacks =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "jspy-cache-" + callbackThreads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts opening (creating if need be) {@code directory/cache.db} on the disk thread and returns at once.
   * If the open fails, {@code onFailure} is told why (on the disk thread) and the tier stays off.
   *
   * @param beforeOpen run on the disk thread before the open, or {@code null} (tests hold the open with it)
   * @return the tier, opening
   */
  static DiskTier open(Path directory, BiConsumer<String, Throwable> onFailure, Runnable beforeOpen) {
    DiskTier tier = new DiskTier(directory, onFailure);
    try {
      tier.executor.execute(() -> tier.openConnection(beforeOpen));
    } catch (RejectedExecutionException e) {
      tier.openFailed("cannot start the cache's disk thread for " + tier.file, e);
    }
    return tier;
  }

  private void openConnection(Runnable beforeOpen) {
    try {
      if (beforeOpen != null) {
        beforeOpen.run();
      }
      try {
        Files.createDirectories(directory);
      } catch (IOException | RuntimeException e) {
        openFailed("cannot create the cache directory " + directory, e);
        return;
      }
      Connection c = null;
      PreparedStatement s = null;
      PreparedStatement u = null;
      try {
        c = connect(file);
        s = c.prepareStatement("SELECT value FROM cache WHERE key = ?");
        u = c.prepareStatement("INSERT OR REPLACE INTO cache (key, value, created_at) VALUES (?, ?, ?)");
      } catch (SQLException | RuntimeException | LinkageError e) {
        // LinkageError: sqlite-jdbc's native library could not be loaded on this platform.
        closeQuietly(s);
        closeQuietly(u);
        closeQuietly(c);
        openFailed("cannot open the cache database " + file, e);
        return;
      }
      connection = c;
      select = s;
      upsert = u;
      open = true;
    } finally {
      opened.complete(null);
    }
  }

  private void openFailed(String what, Throwable e) {
    available = false;
    try {
      onFailure.accept(what, e);
    } finally {
      opened.complete(null); // after the warning, so whoever waits for the open sees it
    }
  }

  private static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // In WAL mode NORMAL never corrupts the file; a power cut may only lose the last entries, fine for a cache.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    SQLException last = null;
    // Two JVMs opening a fresh file at once can see SQLITE_BUSY while one switches it to WAL: retry briefly.
    for (int attempt = 0; attempt < 5; attempt++) {
      Connection c = null;
      try {
        c = config.createConnection(url);
        try (Statement s = c.createStatement()) {
          s.execute(
              "CREATE TABLE IF NOT EXISTS cache ("
                  + "key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL)");
          // Fails now, not on the first lookup, when the file is not a database.
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
          }
        }
        return c;
      } catch (SQLException e) {
        closeQuietly(c);
        if (!isBusy(e)) {
          throw e;
        }
        last = e;
        try {
          Thread.sleep(50L << attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    throw last;
  }

  /** @return whether the tier has not failed nor been closed (it may still be opening) */
  boolean available() {
    return available;
  }

  /** @return whether the open has succeeded (and the tier not failed since) */
  boolean isOpen() {
    return open && available;
  }

  /** @return whether {@code cache.db} was there when the tier was built: only then can a read during the open hit */
  boolean existedAtStart() {
    return existedAtStart;
  }

  /**
   * Waits for the open to finish, whether it succeeds or not.
   *
   * @return whether it finished within the timeout (false if interrupted, with the interrupt flag kept)
   */
  boolean awaitOpen(long timeoutMillis) {
    try {
      opened.get(timeoutMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true; // never: it only completes normally
    }
  }

  Path file() {
    return file;
  }

  /**
   * @return the stored JSON for the key, {@code null} if none (or on an error); completes on a callback
   *     thread, never on the disk thread, after the open if it is still under way
   */
  CompletableFuture<String> read(String key) {
    if (!available) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<String> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            String value = null;
            if (available) {
              try {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                  if (rs.next()) {
                    value = rs.getString(1);
                  }
                }
              } catch (SQLException | RuntimeException e) {
                failed("reading", e);
              }
            }
            complete(result, value);
          });
    } catch (RejectedExecutionException e) {
      result.complete(null); // closed
    }
    return result;
  }

  private void complete(CompletableFuture<String> result, String value) {
    try {
      callbacks.execute(() -> result.complete(value));
    } catch (RejectedExecutionException e) {
      result.complete(value); // closing
    }
  }

  /**
   * Stores the value in the background (it is serialized there too), after the open if it is still under way;
   * lock contention beyond the busy timeout drops it.
   */
  void write(String key, Supplier<String> value) {
    if (!available) {
      return;
    }
    try {
      executor.execute(
          () -> {
            if (!available) {
              return;
            }
            try {
              upsert.setString(1, key);
              upsert.setString(2, value.get());
              upsert.setLong(3, System.currentTimeMillis());
              upsert.executeUpdate();
            } catch (SQLException | RuntimeException e) {
              failed("writing", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // closed: the entry stays in memory only
    }
  }

  /**
   * Finishes the open if it is under way, runs queued writes (waiting at most {@code timeoutMillis} in all),
   * then closes the connection.
   */
  void close(long timeoutMillis) {
    try {
      executor.execute(this::closeConnection);
    } catch (RejectedExecutionException e) {
      return; // already closed
    }
    executor.shutdown();
    callbacks.shutdown(); // callbacks already handed over still run
    try {
      if (!executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
        log.warn("jspy cache: {} queued writes to {} not finished after {} ms; dropping them",
            executor.shutdownNow().size(), file, timeoutMillis);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      available = false;
      opened.complete(null); // if the open never ran, nobody waits for it
    }
  }

  private void failed(String doing, Exception e) {
    if (isBusy(e)) {
      log.debug("jspy cache: {} {} gave up after the {} ms busy timeout: {}", doing, file, BUSY_TIMEOUT_MILLIS, e);
      return;
    }
    available = false;
    closeConnection();
    onFailure.accept(doing + " the cache database " + file + " failed", e);
  }

  private void closeConnection() {
    available = false;
    if (connection != null) {
      closeQuietly(select);
      closeQuietly(upsert);
      closeQuietly(connection);
      connection = null;
      select = null;
      upsert = null;
    }
  }

  private static boolean isBusy(Exception e) {
    if (e instanceof SQLiteException) {
      SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
      return code == SQLiteErrorCode.SQLITE_BUSY
          || code == SQLiteErrorCode.SQLITE_LOCKED
          || code.name().startsWith("SQLITE_BUSY_")
          || code.name().startsWith("SQLITE_LOCKED_");
    }
    return false;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.debug("jspy cache: closing {} failed: {}", c, e.toString());
    }
  }
}
