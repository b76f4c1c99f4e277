package dev.jspy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor: what a careful engineer writes by hand with the libraries jspy itself uses (OkHttp 5, Jackson 3)
 * and nothing else. Builds the messages JSON (system: the instructions and the JSON shape wanted; user: the
 * three inputs), POSTs it, reads {@code choices[0].message.content} and maps it onto {@link Answer}. No
 * retries, no cache, no history. Async: OkHttp's {@code enqueue}, its dispatcher and connection pool sized
 * to C.
 */
final class FloorContender implements Contender {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final String SYSTEM =
      Inputs.INSTRUCTIONS
          + "\nReply with a JSON object only: {\"answer\": string, \"confidence\": number between 0 and 1, "
          + "\"sources\": array of strings}.";

  private final OkHttpClient client;
  private final ExecutorService executor;
  private final String url;

  private final String name;

  /**
   * @param virtualThreads run OkHttp's calls on virtual threads (JDK 21+) instead of a pool of platform
   *     threads: the change proposed for jspy's {@code OpenAiLM}, measured here as {@code floor-vt}
   */
  FloorContender(String baseUrl, int concurrency, boolean virtualThreads) {
    url = baseUrl + "/chat/completions";
    name = virtualThreads ? "floor-vt" : "floor";
    executor =
        virtualThreads
            ? virtualThreadExecutor()
            : new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>());
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(concurrency);
    dispatcher.setMaxRequestsPerHost(concurrency);
    client =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
            .build();
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up so this compiles for Java 17. */
  private static ExecutorService virtualThreadExecutor() {
    try {
      return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
          .invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("floor-vt needs JDK 21 or later (virtual threads); this is " + Runtime.version(),
          e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  private Request request() {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", "bench");
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", SYSTEM);
    messages
        .addObject()
        .put("role", "user")
        .put(
            "content",
            "Question: " + Inputs.QUESTION + "\nContext: " + Inputs.CONTEXT + "\nLanguage: " + Inputs.LANGUAGE);
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer bench-key")
        .post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON))
        .build();
  }

  private static Answer parse(Response response) throws IOException {
    try (response) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      JsonNode root = MAPPER.readTree(response.body().byteStream());
      String content = root.path("choices").path(0).path("message").path("content").asString();
      return MAPPER.readValue(content, Answer.class);
    }
  }

  @Override
  public Object call() {
    try {
      return parse(client.newCall(request()).execute());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CompletableFuture<?> callAsync() {
    CompletableFuture<Answer> f = new CompletableFuture<>();
    client
        .newCall(request())
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                f.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) {
                try {
                  f.complete(parse(response));
                } catch (IOException | RuntimeException e) {
                  f.completeExceptionally(e);
                }
              }
            });
    return f;
  }

  @Override
  public void check(Object result) {
    Answer a = (Answer) result;
    Inputs.check(name(), a.answer(), a.confidence(), a.sources());
  }

  @Override
  public void close() {
    client.dispatcher().cancelAll();
    executor.shutdown();
    client.connectionPool().evictAll();
  }
}
