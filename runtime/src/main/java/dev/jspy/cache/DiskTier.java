package dev.jspy.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.function.Consumer;
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
 * <p><b>Integrity.</b> A damaged file must never answer one request with another's reply, so the index is
 * not trusted: each row of {@value #TABLE} holds, beside the value, the SHA-256 of the row's key and value
 * bytes (see {@link #checksum}), and a read recomputes it with the key it asked for over the bytes it got.
 * A row reached through a damaged index (another request's row), a value or checksum with flipped bytes, a
 * row from an older format: each fails that check, and the read is a miss reported through
 * {@code onBadEntry} (the next store under the key replaces the row). Rows of the table older versions wrote,
 * {@code cache}, have no checksum and are never read; they are left alone for an older jspy sharing the
 * directory.
 *
 * <p>A failure that is not lock contention (a file that is not a database, a damaged one SQLite notices, a
 * read-only or full disk, …) turns the tier off for good: the owner is told once through {@code onFailure},
 * and every later read is a miss and every later write is dropped.
 */
final class DiskTier {
  static final String FILE = "cache.db";
  /**
   * The table: {@code key} the request's {@link CacheKey}, {@code value} the {@link ResponseCodec} JSON (UTF-8
   * text), {@code sha256} its {@link #checksum}. Named anew whenever rows stop being verifiable the old way.
   */
  static final String TABLE = "cache_v2";
  static final int BUSY_TIMEOUT_MILLIS = 5000;

  private static final Logger log = LoggerFactory.getLogger(DiskTier.class);
  private static final byte[] CHECKSUM_TAG = (TABLE + "\0").getBytes(StandardCharsets.UTF_8);
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
          });

  private final Path directory;
  private final Path file;
  private final boolean existedAtStart;
  private final BiConsumer<String, Throwable> onFailure;
  private final Consumer<String> onBadEntry;
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

  private DiskTier(Path directory, BiConsumer<String, Throwable> onFailure, Consumer<String> onBadEntry) {
    this.directory = directory;
    this.file = directory.resolve(FILE);
    this.onFailure = onFailure;
    this.onBadEntry = onBadEntry;
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
   * @param onBadEntry told the key of each row a read found damaged (and answered as a miss), on a callback
   *     thread
   * @param beforeOpen run on the disk thread before the open, or {@code null} (tests hold the open with it)
   * @return the tier, opening
   */
  static DiskTier open(
      Path directory,
      BiConsumer<String, Throwable> onFailure,
      Consumer<String> onBadEntry,
      Runnable beforeOpen) {
    DiskTier tier = new DiskTier(directory, onFailure, onBadEntry);
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
        s = c.prepareStatement("SELECT value, sha256 FROM " + TABLE + " WHERE key = ?");
        u =
            c.prepareStatement(
                "INSERT OR REPLACE INTO " + TABLE + " (key, value, sha256, created_at) VALUES (?, ?, ?, ?)");
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
              "CREATE TABLE IF NOT EXISTS "
                  + TABLE
                  + " (key TEXT PRIMARY KEY, value TEXT NOT NULL, sha256 BLOB NOT NULL,"
                  + " created_at INTEGER NOT NULL)");
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
   * @return the stored JSON for the key, verified against its checksum; {@code null} if none, on an error, or
   *     if the row fails the check (then {@code onBadEntry} is told first); completes on a callback thread,
   *     never on the disk thread, after the open if it is still under way
   */
  CompletableFuture<String> read(String key) {
    if (!available) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<String> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            byte[] value = null;
            byte[] sum = null;
            if (available) {
              try {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                  if (rs.next()) {
                    // The stored bytes as they are, so that the check sees exactly what is on disk.
                    value = rs.getBytes(1);
                    sum = rs.getBytes(2);
                    if (value == null) {
                      value = new byte[0]; // a damaged NOT NULL column: fails the check below
                    }
                  }
                }
              } catch (SQLException | RuntimeException e) {
                failed("reading", e);
                value = null;
              }
            }
            complete(result, key, value, sum);
          });
    } catch (RejectedExecutionException e) {
      result.complete(null); // closed
    }
    return result;
  }

  // The check runs on the callback thread, keeping the hash off the one disk thread every lookup queues on.
  private void complete(CompletableFuture<String> result, String key, byte[] value, byte[] sum) {
    Runnable verifyAndComplete =
        () -> {
          String text = null;
          try {
            text = value == null ? null : verified(key, value, sum);
          } finally {
            result.complete(text); // never leave a lookup waiting; a miss is always safe
          }
        };
    try {
      callbacks.execute(verifyAndComplete);
    } catch (RejectedExecutionException e) {
      verifyAndComplete.run(); // closing
    }
  }

  /** @return the value as text if its checksum matches the key that was asked for, else {@code null} */
  private String verified(String key, byte[] value, byte[] sum) {
    if (sum == null || !MessageDigest.isEqual(sum, checksum(key, value))) {
      onBadEntry.accept(key);
      return null;
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * The row checksum: SHA-256 over a format tag, the key and the value's UTF-8 bytes. Binding the key in makes
   * a row reached under another key (a damaged index) fail the check as surely as a damaged value does.
   */
  static byte[] checksum(String key, byte[] value) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    digest.update(CHECKSUM_TAG);
    digest.update(key.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0); // keys are hex, so the separator cannot occur in one
    digest.update(value);
    return digest.digest();
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
              byte[] bytes = value.get().getBytes(StandardCharsets.UTF_8);
              upsert.setString(1, key);
              // Stored as TEXT (readable in the sqlite3 shell) from these very bytes, so that what is stored is
              // what was hashed even for a string that does not encode losslessly (a lone surrogate).
              upsert.setString(2, new String(bytes, StandardCharsets.UTF_8));
              upsert.setBytes(3, checksum(key, bytes));
              upsert.setLong(4, System.currentTimeMillis());
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
