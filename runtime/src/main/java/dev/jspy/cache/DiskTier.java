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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * <p>A failure that is not lock contention (a file that is not a database, a read-only or full disk, …)
 * turns the tier off for good: the owner is told once through {@code onFailure}, and every later read is a
 * miss and every later write is dropped.
 */
final class DiskTier {
  static final String FILE = "cache.db";
  static final int BUSY_TIMEOUT_MILLIS = 5000;

  private static final Logger log = LoggerFactory.getLogger(DiskTier.class);

  private final Path file;
  private final BiConsumer<String, Throwable> onFailure;
  private final ExecutorService executor;
  // Reads complete here, not on the disk thread: whatever the caller chains on a disk hit (or the compute
  // called after a miss) runs on one of these threads, so it can neither stall the disk thread nor deadlock
  // it by waiting for another lookup. Threads start on demand and die after a minute idle.
  private final ExecutorService callbacks;
  // Touched only on the executor's thread (and by the opening thread before any task is submitted).
  private Connection connection;
  private PreparedStatement select;
  private PreparedStatement upsert;
  private volatile boolean available = true;

  private DiskTier(Path file, Connection connection, BiConsumer<String, Throwable> onFailure)
      throws SQLException {
    this.file = file;
    this.connection = connection;
    this.onFailure = onFailure;
    this.select = connection.prepareStatement("SELECT value FROM cache WHERE key = ?");
    this.upsert =
        connection.prepareStatement("INSERT OR REPLACE INTO cache (key, value, created_at) VALUES (?, ?, ?)");
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
   * Opens (creating if need be) {@code directory/cache.db}.
   *
   * @return the tier, or {@code null} after telling {@code onFailure} why the disk cannot be used
   */
  static DiskTier open(Path directory, BiConsumer<String, Throwable> onFailure) {
    Path file = directory.resolve(FILE);
    try {
      Files.createDirectories(directory);
    } catch (IOException | RuntimeException e) {
      onFailure.accept("cannot create the cache directory " + directory, e);
      return null;
    }
    Connection connection = null;
    try {
      connection = connect(file);
      return new DiskTier(file, connection, onFailure);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      onFailure.accept("cannot open the cache database " + file, e);
      return null;
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

  boolean available() {
    return available;
  }

  Path file() {
    return file;
  }

  /**
   * @return the stored JSON for the key, {@code null} if none (or on an error); completes on a callback
   *     thread, never on the disk thread
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
   * Stores the value in the background (it is serialized there too); lock contention beyond the busy timeout
   * drops it.
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

  /** Runs queued writes (waiting at most {@code timeoutMillis}), then closes the connection. */
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
