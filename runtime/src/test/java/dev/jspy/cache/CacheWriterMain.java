package dev.jspy.cache;

import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.Usage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for {@link LMCacheTest}: opens the cache in {@code args[0]}, prints {@code ready}, waits for a
 * line on stdin, stores {@code args[2]} entries named {@code args[1]<i>}, closes the cache and prints
 * {@code done}.
 */
public final class CacheWriterMain {
  private CacheWriterMain() {}

  static LMRequest request(String name) {
    return LMRequest.of(List.of(Message.user(name)));
  }

  static String key(String name) {
    return LMCache.key("test-model", null, request(name), Map.of());
  }

  static LMResponse response(String name) {
    return new LMResponse(List.of(new LMResponse.Choice("answer to " + name, "stop")), new Usage(3, 4, 7), "m");
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String prefix = args[1];
    int n = Integer.parseInt(args[2]);
    try (LMCache cache = LMCache.builder().directory(dir).build()) {
      if (!cache.diskAvailable()) {
        System.out.println("disk unavailable");
        System.exit(2);
      }
      System.out.println("ready");
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      in.readLine();
      for (int i = 0; i < n; i++) {
        String name = prefix + i;
        cache.get(key(name), () -> CompletableFuture.completedFuture(response(name))).get(10, TimeUnit.SECONDS);
      }
    }
    System.out.println("done");
    System.out.flush();
  }
}
