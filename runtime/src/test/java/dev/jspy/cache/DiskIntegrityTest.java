package dev.jspy.cache;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.jspy.cache.CacheWriterMain.key;
import static dev.jspy.cache.CacheWriterMain.response;

import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Usage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A damaged {@code cache.db} answers each lookup with that request's own reply or with a miss, never another. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DiskIntegrityTest {
  private static final long WAIT = 30;
  private static final int ENTRIES = 300;
  private static final LMResponse SENTINEL = new LMResponse(List.of(new LMResponse.Choice("MISS", "stop")), Usage.NONE, "x");
  private static final Supplier<CompletableFuture<LMResponse>> MISS = () -> CompletableFuture.completedFuture(SENTINEL);

  @TempDir Path dir;

  private static String name(int i) {
    return "A-" + i;
  }

  /** Long, distinct replies, so that most of a table page is reply text. */
  private static LMResponse reply(int i) {
    StringBuilder text = new StringBuilder("reply to " + name(i) + ":");
    Random words = new Random(i);
    while (text.length() < 200) {
      text.append(' ').append(Integer.toString(words.nextInt(1 << 20), 36));
    }
    return new LMResponse(List.of(new LMResponse.Choice(text.toString(), "stop")), new Usage(i, 2 * i, 3 * i), "m");
  }

  private static void populate(Path directory, int n) throws Exception {
    try (LMCache cache = LMCache.builder().directory(directory).build()) {
      assertThat(cache.diskAvailable()).isTrue();
      for (int i = 0; i < n; i++) {
        LMResponse r = reply(i);
        cache.get(key(name(i)), () -> CompletableFuture.completedFuture(r)).get(WAIT, TimeUnit.SECONDS);
      }
    }
  }

  private static LMCache.Result lookup(LMCache cache, String name) throws Exception {
    return cache.lookup(key(name), MISS).get(WAIT, TimeUnit.SECONDS);
  }

  private static void assertSame(LMResponse expected, LMResponse actual) {
    assertThat(actual.choices()).isEqualTo(expected.choices());
    assertThat(actual.usage()).isEqualTo(expected.usage());
    assertThat(actual.model()).isEqualTo(expected.model());
  }

  private Connection sql() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DiskTier.FILE).toAbsolutePath());
  }

  // --- the reproduction: bytes flipped in the file ------------------------------------------------------------

  private static final int INTERIOR_INDEX = 2;
  private static final int LEAF_INDEX = 10;
  private static final int LEAF_TABLE = 13;

  /** @return the 1-based numbers of the pages whose b-tree page type is one of {@code types} */
  private static List<Integer> pages(byte[] db, int pageSize, int... types) {
    List<Integer> out = new ArrayList<>();
    for (int page = 1; page * pageSize <= db.length; page++) {
      int header = (page - 1) * pageSize + (page == 1 ? 100 : 0);
      for (int t : types) {
        if (db[header] == t) {
          out.add(page);
        }
      }
    }
    return out;
  }

  private static int pageSize(byte[] db) {
    int size = Short.toUnsignedInt(ByteBuffer.wrap(db, 16, 2).getShort());
    return size == 1 ? 65536 : size;
  }

  /**
   * @return the file offsets of the last byte of every cell in the index pages: the low byte of the rowid the
   *     index entry points at (an index record is the key, then the rowid; an interior cell starts with a
   *     4-byte child page number and has a 12-byte page header)
   */
  private static List<Integer> rowidBytes(byte[] db, int pageSize) {
    List<Integer> out = new ArrayList<>();
    for (int page : pages(db, pageSize, LEAF_INDEX, INTERIOR_INDEX)) {
      int start = (page - 1) * pageSize;
      int header = start + (page == 1 ? 100 : 0);
      boolean interior = db[header] == INTERIOR_INDEX;
      int cells = Short.toUnsignedInt(ByteBuffer.wrap(db, header + 3, 2).getShort());
      for (int c = 0; c < cells; c++) {
        int pointer = header + (interior ? 12 : 8) + 2 * c;
        int cell = start + Short.toUnsignedInt(ByteBuffer.wrap(db, pointer, 2).getShort()) + (interior ? 4 : 0);
        long payload = 0;
        int at = cell;
        for (int b = 0; b < 9; b++) { // a varint: 7 bits a byte, high bit set on all but the last
          payload = (payload << 7) | (db[at] & 0x7f);
          if ((db[at++] & 0x80) == 0) {
            break;
          }
        }
        out.add(at + (int) payload - 1);
      }
    }
    return out;
  }

  @Test
  void anIndexEntryPointingAtAnotherRowIsAMissNotThatRowsReply() throws Exception {
    populate(dir, ENTRIES);
    Path file = dir.resolve(DiskTier.FILE);
    byte[] db = Files.readAllBytes(file);
    List<Integer> rowids = rowidBytes(db, pageSize(db));
    assertThat(rowids.size()).isEqualTo(ENTRIES);
    // Every tenth index entry now points at a neighbouring row (rowid ^ 1), as the damaged index in the report.
    for (int i = 0; i < rowids.size(); i += 10) {
      db[rowids.get(i)] ^= 1;
    }
    Files.write(file, db);
    // A miss fails instead of storing a reply: only reads touch the damaged file, so every lookup reaches it.
    Supplier<CompletableFuture<LMResponse>> fail =
        () -> CompletableFuture.failedFuture(new IllegalStateException("a miss"));
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      int hits = 0;
      for (int i = 0; i < ENTRIES; i++) {
        LMCache.Result r;
        try {
          r = cache.lookup(key(name(i)), fail).get(WAIT, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("a miss");
          continue;
        }
        assertWithMessage("the lookup of %s answered %s", name(i), r.response().text())
            .that(r.response().choices())
            .isEqualTo(reply(i).choices());
        hits++;
      }
      assertThat(hits).isAtLeast(ENTRIES * 8 / 10);
      assertThat(cache.badEntries()).isAtLeast(ENTRIES / 10 - 1); // rowid 1 ^ 1 = 0 is no row at all
      assertThat(cache.badEntryWarningsLogged()).isAtLeast(1);
    }
  }

  @Test
  void flippedBytesInIndexAndValuesNeverAnswerWithAnotherRequestsReply() throws Exception {
    Path pristine = dir.resolve("pristine");
    populate(pristine, ENTRIES);
    byte[] db = Files.readAllBytes(pristine.resolve(DiskTier.FILE));
    int pageSize = pageSize(db);
    List<Integer> indexPages = pages(db, pageSize, INTERIOR_INDEX, LEAF_INDEX);
    List<Integer> valuePages = pages(db, pageSize, LEAF_TABLE);
    assertWithMessage("index pages").that(indexPages).isNotEmpty();
    assertWithMessage("value pages").that(valuePages.size()).isAtLeast(5);
    List<Integer> rowids = rowidBytes(db, pageSize);

    Random random = new Random(20250710);
    int hits = 0;
    int misses = 0;
    int filesWithBadEntries = 0;
    for (int trial = 0; trial < 30; trial++) {
      byte[] damaged = db.clone();
      // A third of the files damaged in the key index, a third in the rows (values), a third anywhere.
      List<Integer> where = trial % 3 == 0 ? indexPages : trial % 3 == 1 ? valuePages : null;
      int flips = 1 + random.nextInt(4);
      List<Integer> positions = new ArrayList<>();
      for (int f = 0; f < flips; f++) {
        int pos;
        if (where == indexPages && random.nextBoolean()) {
          pos = rowids.get(random.nextInt(rowids.size())); // the entry now points at another row, or none
        } else if (where == null) {
          pos = random.nextInt(damaged.length);
        } else {
          int page = where.get(random.nextInt(where.size()));
          pos = (page - 1) * pageSize + (page == 1 ? 100 : 0) + 12 + random.nextInt(pageSize - 112);
        }
        damaged[pos] ^= (byte) (1 + random.nextInt(255));
        positions.add(pos);
      }
      Path copy = dir.resolve("trial-" + trial);
      Files.createDirectories(copy);
      Files.write(copy.resolve(DiskTier.FILE), damaged);

      try (LMCache cache = LMCache.builder().directory(copy).build()) {
        for (int i = 0; i < ENTRIES; i++) {
          LMCache.Result r = lookup(cache, name(i));
          if (r.source() == LMCache.Source.COMPUTED) {
            assertThat(r.response()).isEqualTo(SENTINEL);
            misses++;
            continue;
          }
          hits++;
          LMResponse expected = reply(i);
          assertWithMessage(
                  "file %s (bytes flipped at %s): the lookup of %s answered %s instead of its own reply or a miss",
                  trial, positions, name(i), r.response().text())
              .that(r.response().choices())
              .isEqualTo(expected.choices());
          assertSame(expected, r.response());
        }
        if (cache.badEntries() > 0) {
          filesWithBadEntries++;
          assertWithMessage("file %s: %s damaged entries ignored without a warning", trial, cache.badEntries())
              .that(cache.badEntryWarningsLogged())
              .isAtLeast(1);
        }
      }
    }
    // Not vacuous: most lookups still hit, some entries were caught damaged and turned into misses.
    assertThat(hits).isGreaterThan(30 * ENTRIES / 2);
    assertThat(misses).isGreaterThan(0);
    assertThat(filesWithBadEntries).isGreaterThan(0);
  }

  // --- targeted damage through SQL ------------------------------------------------------------------------------

  @Test
  void rowsWhoseContentsAreSwappedAreMissesWithAWarning() throws Exception {
    populate(dir, 3);
    // As an index that points at the wrong row: A-0's key now leads to A-1's row contents, and back.
    try (Connection c = sql()) {
      swapContents(c, key(name(0)), key(name(1)));
    }
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      for (int i = 0; i < 2; i++) {
        LMCache.Result r = lookup(cache, name(i));
        assertWithMessage("lookup of %s answered %s", name(i), r.response().text())
            .that(r.source())
            .isEqualTo(LMCache.Source.COMPUTED);
      }
      LMCache.Result intact = lookup(cache, name(2));
      assertThat(intact.source()).isEqualTo(LMCache.Source.DISK);
      assertSame(reply(2), intact.response());
      assertThat(cache.badEntries()).isEqualTo(2);
      assertThat(cache.badEntryWarningsLogged()).isAtLeast(1);
      assertThat(cache.warningsLogged()).isEqualTo(0); // the disk tier stays on
    }
    // The misses' computed replies replaced the bad rows: the next cache hits them.
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      LMCache.Result r = lookup(cache, name(0));
      assertThat(r.source()).isEqualTo(LMCache.Source.DISK);
      assertThat(r.response().text()).isEqualTo("MISS");
      assertThat(cache.badEntries()).isEqualTo(0);
    }
  }

  /** Swaps every column but the key between two rows. */
  private static void swapContents(Connection c, String a, String b) throws SQLException {
    List<String> columns = new ArrayList<>();
    Object[][] values = new Object[2][];
    String[] keys = {a, b};
    for (int k = 0; k < 2; k++) {
      try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + DiskTier.TABLE + " WHERE key = ?")) {
        s.setString(1, keys[k]);
        try (ResultSet rs = s.executeQuery()) {
          assertThat(rs.next()).isTrue();
          ResultSetMetaData md = rs.getMetaData();
          columns.clear();
          List<Object> row = new ArrayList<>();
          for (int col = 1; col <= md.getColumnCount(); col++) {
            if (!md.getColumnName(col).equals("key")) {
              columns.add(md.getColumnName(col));
              row.add(rs.getObject(col));
            }
          }
          values[k] = row.toArray();
        }
      }
    }
    assertThat(columns).contains("value");
    String set = String.join(" = ?, ", columns) + " = ?";
    for (int k = 0; k < 2; k++) {
      try (PreparedStatement u = c.prepareStatement("UPDATE " + DiskTier.TABLE + " SET " + set + " WHERE key = ?")) {
        Object[] other = values[1 - k];
        for (int col = 0; col < other.length; col++) {
          u.setObject(col + 1, other[col]);
        }
        u.setString(other.length + 1, keys[k]);
        assertThat(u.executeUpdate()).isEqualTo(1);
      }
    }
  }

  @Test
  void aValueGarbledInPlaceIsAMissWithAWarning() throws Exception {
    populate(dir, 2);
    try (Connection c = sql();
        PreparedStatement u =
            c.prepareStatement("UPDATE " + DiskTier.TABLE + " SET value = replace(value, 'reply', 'rEply') WHERE key = ?")) {
      u.setString(1, key(name(0)));
      assertThat(u.executeUpdate()).isEqualTo(1);
    }
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      LMCache.Result r = lookup(cache, name(0));
      assertWithMessage("answered %s", r.response().text()).that(r.source()).isEqualTo(LMCache.Source.COMPUTED);
      assertThat(lookup(cache, name(1)).source()).isEqualTo(LMCache.Source.DISK);
      assertThat(cache.badEntries()).isEqualTo(1);
      assertThat(cache.badEntryWarningsLogged()).isEqualTo(1);
    }
  }

  @Test
  void aDamagedChecksumIsAMissWithAWarning() throws Exception {
    populate(dir, 2);
    try (Connection c = sql();
        PreparedStatement u =
            c.prepareStatement(
                "UPDATE " + DiskTier.TABLE + " SET sha256 = CAST(zeroblob(32) AS BLOB) WHERE key = ?")) {
      u.setString(1, key(name(0)));
      assertThat(u.executeUpdate()).isEqualTo(1);
    }
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      LMCache.Result r = lookup(cache, name(0));
      assertWithMessage("answered %s", r.response().text()).that(r.source()).isEqualTo(LMCache.Source.COMPUTED);
      assertSame(reply(1), lookup(cache, name(1)).response());
      assertThat(cache.badEntries()).isEqualTo(1);
      assertThat(cache.badEntryWarningsLogged()).isEqualTo(1);
    }
  }

  @Test
  void repliesBeyondAsciiStillHitAfterTheCheck() throws Exception {
    LMResponse stored =
        new LMResponse(
            List.of(new LMResponse.Choice("Привет, 世界 👋 — \"é\"\n\u0000", "stop")), new Usage(1, 2, 3), "m");
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      cache.get(key("q"), () -> CompletableFuture.completedFuture(stored)).get(WAIT, TimeUnit.SECONDS);
    }
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      LMCache.Result r = lookup(cache, "q");
      assertThat(r.source()).isEqualTo(LMCache.Source.DISK);
      assertSame(stored, r.response());
      assertThat(cache.badEntries()).isEqualTo(0);
    }
  }

  @Test
  void rowsWithoutAChecksumFromTheOldFormatAreNeverTrusted() throws Exception {
    Files.createDirectories(dir);
    // The table the previous version wrote, with a well-formed entry for "q".
    try (Connection c = sql(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL)");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO cache (key, value, created_at) VALUES (?, ?, 0)")) {
        p.setString(1, key("q"));
        p.setString(2, ResponseCodec.write(response("someone else")));
        p.executeUpdate();
      }
    }
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      assertThat(cache.diskAvailable()).isTrue();
      LMCache.Result r = lookup(cache, "q");
      assertWithMessage("answered %s", r.response().text()).that(r.source()).isEqualTo(LMCache.Source.COMPUTED);
    }
    // The old table is left alone (an older jspy may still share the directory); the new entry is verified.
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      LMCache.Result r = lookup(cache, "q");
      assertThat(r.source()).isEqualTo(LMCache.Source.DISK);
      assertThat(r.response().text()).isEqualTo("MISS");
    }
    try (Connection c = sql(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM cache")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }
}
