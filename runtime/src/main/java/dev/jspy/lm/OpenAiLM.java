package dev.jspy.lm;

import dev.jspy.core.ConfigurationException;
import dev.jspy.cache.LMCache;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An LM behind an OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, vLLM, Ollama, llama.cpp's
 * server, LM Studio, …), on OkHttp's asynchronous API.
 *
 * <p>Calls are queued by an OkHttp {@link Dispatcher} sized to {@link Builder#maxConcurrency} requests in
 * flight (default {@value #DEFAULT_MAX_CONCURRENCY}, not OkHttp's default of 5 per host); queued calls hold
 * no thread. Cancelling a future from {@link #acall} cancels its HTTP call. The API key is sent as a bearer
 * token and appears in no message, log line or {@code toString}; URLs in messages show neither user info nor
 * query values.
 *
 * <p>Redirects are not followed (a 3xx fails the call, naming where it pointed), and a reply larger than
 * {@link Builder#maxResponseBytes} after decompression fails the call unread. Every future completes, even
 * when reading a reply ends in an {@link Error}.
 */
public final class OpenAiLM implements LM {
  /** Requests in flight per LM unless {@link Builder#maxConcurrency} says otherwise. */
  public static final int DEFAULT_MAX_CONCURRENCY = 64;

  /** Retries per call unless {@link Builder#numRetries} says otherwise (DSPy's default). */
  public static final int DEFAULT_NUM_RETRIES = 3;

  /** The largest reply read unless {@link Builder#maxResponseBytes} says otherwise: 16 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

  private static final Logger log = LoggerFactory.getLogger(OpenAiLM.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int MAX_ERROR_TEXT = 2000;
  /** How much of an error reply is read: ample for an error message, small beside any heap. */
  private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;
  private static final AtomicInteger LM_IDS = new AtomicInteger();

  /** Waits between attempts for every LM; one daemon thread that only schedules, never blocks. */
  private static final ScheduledExecutorService RETRY_SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "jspy-lm-retry");
            t.setDaemon(true);
            return t;
          });

  private final String model;
  private final String apiModel;
  private final String apiBase;
  private final HttpUrl endpoint;
  /** The endpoint as messages show it: user info and query values redacted (either may be a credential). */
  private final String shownEndpoint;
  private final String apiKey;
  private final Map<String, Object> defaults;
  private final long maxResponseBytes;
  private final int maxConcurrency;
  private final int numRetries;
  private final Duration connectTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final OkHttpClient client;
  private final ExecutorService executor;
  private final LMCache cache;
  private final ResponseFormatSupport responseFormatSupport;
  private volatile boolean closed;
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final AtomicLong totalTokens = new AtomicLong();

  private OpenAiLM(Builder b) {
    this.model = b.model;
    this.apiModel = providerModel(b.model);
    HttpUrl base = HttpUrl.parse(b.apiBase);
    if (base == null) {
      throw new ConfigurationException(
          "apiBase is not an http(s) URL: '"
              + Urls.redact(b.apiBase)
              + "'"
              + (b.apiBaseFromEnv ? " (from OPENAI_BASE_URL)" : "")
              + "; expected something like http://127.0.0.1:8080/v1");
    }
    this.apiKey = b.apiKey == null || b.apiKey.isBlank() ? null : b.apiKey;
    if (apiKey == null && !b.apiBaseSet && !b.apiBaseFromEnv) {
      // Every call would be refused with a 401, after three retries.
      throw new ConfigurationException(
          "["
              + b.model
              + "] no API key for the OpenAI API at "
              + b.apiBase
              + ": set OPENAI_API_KEY (or LM.builder(model).apiKey(...)); for a local OpenAI-compatible server "
              + "(llama.cpp, vLLM, Ollama, LM Studio), which needs no key, set OPENAI_BASE_URL or "
              + "LM.builder(model).apiBase(\"http://127.0.0.1:8080/v1\") instead");
    }
    this.apiBase = b.apiBase;
    this.responseFormatSupport = b.responseFormatSupport;
    this.endpoint = base.newBuilder().addPathSegments("chat/completions").build();
    this.shownEndpoint = Urls.redact(endpoint.toString());
    this.maxResponseBytes = b.maxResponseBytes;
    this.defaults = Map.copyOf(b.defaults);
    this.maxConcurrency = b.maxConcurrency;
    this.cache = b.cacheOn ? (b.cache != null ? b.cache : SharedCache.get()) : null;
    this.numRetries = b.numRetries;
    this.initialBackoff = b.initialBackoff;
    this.connectTimeout = b.connectTimeout;
    this.maxBackoff = b.maxBackoff;
    this.executor = IoThreads.create("jspy-lm-" + LM_IDS.incrementAndGet() + "-", maxConcurrency);
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(maxConcurrency);
    dispatcher.setMaxRequestsPerHost(maxConcurrency);
    this.client =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .writeTimeout(b.readTimeout)
            .callTimeout(b.callTimeout)
            .retryOnConnectionFailure(true)
            // A redirect would turn the POST into a GET (301-303) or send the prompt and the key to
            // wherever the Location says; it is reported as a misconfigured base URL instead.
            .followRedirects(false)
            .followSslRedirects(false)
            // Keep a warm connection for every call that may be in flight (OkHttp keeps 5 by default, so
            // a busy LM would open and close connections all the time).
            .connectionPool(new ConnectionPool(maxConcurrency, 5, TimeUnit.MINUTES))
            .eventListenerFactory(c -> new HandshakeGuard(b.connectTimeout))
            .build();
  }

  /** Calls whose TLS handshake {@link HandshakeGuard} gave up on; their failure says why. */
  private final Set<Call> handshakeTimedOut = ConcurrentHashMap.newKeySet();

  /**
   * Bounds a TLS handshake by the connect timeout. OkHttp waits for handshake bytes as long as for a reply
   * (the read timeout, minutes for an LM); an {@code https://} base URL pointed at a plain-http server (as
   * llama.cpp's is) would then hang for that long, attempt after attempt, with nothing said.
   */
  private final class HandshakeGuard extends EventListener {
    private final Duration limit;
    private volatile ScheduledFuture<?> timer;

    HandshakeGuard(Duration limit) {
      this.limit = limit;
    }

    @Override
    public void secureConnectStart(Call call) {
      timer = RETRY_SCHEDULER.schedule(() -> {
        handshakeTimedOut.add(call);
        call.cancel();
      }, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
      stop();
    }

    @Override
    public void callEnd(Call call) {
      stop();
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
      stop();
    }

    private void stop() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }
  }

  /**
   * @param model {@code openai/<model>}, e.g. {@code openai/gpt-4o-mini}
   * @return a builder preset from {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}
   */
  public static Builder builder(String model) {
    return new Builder(model, System::getenv);
  }

  /** A builder preset from {@code env} instead of the process environment (for tests). */
  static Builder builder(String model, Function<String, String> env) {
    return new Builder(model, env);
  }

  static String providerModel(String model) {
    if (model.startsWith("openai/")) {
      return model.substring("openai/".length());
    }
    int slash = model.indexOf('/');
    if (slash > 0) {
      throw new ConfigurationException(
          "model '"
              + model
              + "': provider '"
              + model.substring(0, slash)
              + "' is not supported; jspy speaks the OpenAI chat API, so write 'openai/<model>' for any "
              + "OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio) and set apiBase");
    }
    return model;
  }

  @Override
  public String model() {
    return model;
  }

  /** @return the requests this LM lets in flight at once */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** @return requests of this LM in flight now (sent, reply not yet read) */
  public int inFlight() {
    return client.dispatcher().runningCallsCount();
  }

  /** @return requests of this LM waiting for a free slot (they hold no thread) */
  public int queued() {
    return client.dispatcher().queuedCallsCount();
  }

  /** @return the tokens this LM's server reported over its lifetime (cache hits cost none) */
  public Usage usage() {
    return new Usage(promptTokens.get(), completionTokens.get(), totalTokens.get());
  }

  @Override
  public Map<String, Object> defaults() {
    return defaults;
  }

  @Override
  public ResponseFormatSupport responseFormatSupport() {
    return responseFormatSupport;
  }

  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    return call(request, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends {@code stream: true} with {@code stream_options.include_usage} and reads the Server-Sent
   * Events as they come. The stream must end with {@code data: [DONE]} or with a {@code finish_reason} for
   * every choice; one that breaks off before, an event that is not JSON, or a chunk with neither choices
   * nor usage fails the call with an {@link LMStreamException} that keeps the text that arrived. An error
   * event mid-stream fails it with an {@link LMHttpException}. The reply counts against
   * {@link Builder#maxResponseBytes} as a whole. A server that answers with a plain JSON completion instead
   * is read as one and its text sent as a single delta. Streamed and plain calls share cache entries.
   */
  @Override
  public CompletableFuture<LMResponse> astream(LMRequest request, DeltaSink sink) {
    return call(request, Objects.requireNonNull(sink, "sink"));
  }

  private CompletableFuture<LMResponse> call(LMRequest request, DeltaSink sink) {
    if (closed) {
      return CompletableFuture.failedFuture(new LMException(model, "the LM is closed; build a new one", null));
    }
    String key;
    try {
      key = cache == null || LMCache.bypass(request, defaults) ? null : LMCache.key(apiModel, apiBase, request, defaults);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new LMException(model, "could not build the request: " + e, e));
    }
    if (key == null) {
      return send(request, sink);
    }
    // Identical requests in flight at once share one HTTP call; hits cost no tokens (usage as sent).
    CompletableFuture<LMCache.Result> lookup;
    try {
      lookup = cache.lookup(key, () -> send(request, sink)); // the body is built only on a miss
    } catch (IllegalStateException e) {
      return CompletableFuture.failedFuture(
          new LMException(model, "the response cache is closed (is the JVM shutting down?): " + e.getMessage(), e));
    }
    CompletableFuture<LMResponse> out =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            lookup.cancel(mayInterruptIfRunning); // detaches this caller; the last one cancels the HTTP call
            return super.cancel(mayInterruptIfRunning);
          }
        };
    lookup.whenComplete(
        (r, e) -> {
          if (e != null) {
            out.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e);
          } else {
            out.complete(r.source() == LMCache.Source.COMPUTED ? r.response() : r.response().asCacheHit());
          }
        });
    return out;
  }

  private CompletableFuture<LMResponse> send(LMRequest request, DeltaSink sink) {
    Request http;
    try {
      http = httpRequest(request, sink != null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new LMException(model, "could not build the request: " + e, e));
    }
    return new Attempts(http, sink).start();
  }

  /** @return the cache this LM reads and fills, or {@code null} if caching is off */
  public LMCache cache() {
    return cache;
  }

  /**
   * One logical call: up to {@code 1 + numRetries} HTTP attempts, the waits between them on a shared
   * scheduler (no thread held while waiting), and cancellation of whichever attempt is current.
   */
  private final class Attempts {
    private final Request http;
    /** Where a streamed call's deltas go; {@code null} for a plain call. */
    private final DeltaSink sink;
    /** Whether a delta went to the sink: from then on, a failure is not retried. */
    private volatile boolean delivered;
    private final long start = System.nanoTime();
    private final List<Throwable> failures = new ArrayList<>(0);
    private volatile Call current;
    private final CompletableFuture<LMResponse> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Call c = current;
            if (c != null) {
              c.cancel();
            }
            return cancelled;
          }
        };

    Attempts(Request http, DeltaSink sink) {
      this.http = http;
      this.sink = sink;
    }

    CompletableFuture<LMResponse> start() {
      attempt(0);
      return future;
    }

    /**
     * Runs a step of this call on whatever thread drives it (caller, I/O, retry scheduler). Nothing may
     * escape it with the future left incomplete: an unexpected failure, an {@link Error} included, fails
     * the call; a {@link VirtualMachineError} is rethrown after that, for the thread's handler to report.
     */
    private void guarded(Runnable step) {
      try {
        step.run();
      } catch (Throwable t) {
        future.completeExceptionally(
            t instanceof LMException ? t : new LMException(model, "unexpected failure in the LM client: " + t, t));
        if (t instanceof VirtualMachineError) {
          throw (VirtualMachineError) t;
        }
      }
    }

    private void attempt(int n) {
      guarded(() -> enqueue(n));
    }

    private void enqueue(int n) {
      if (future.isDone()) {
        return;
      }
      if (closed) {
        future.completeExceptionally(new LMException(model, "the LM is closed; build a new one", null));
        return;
      }
      Call call = client.newCall(http);
      current = call;
      if (future.isCancelled()) {
        call.cancel();
        return;
      }
      call.enqueue(
          new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
              if (handshakeTimedOut.remove(c)) {
                // Not retried (no I/O cause): the same server will not start speaking TLS.
                LMException tls = new LMException(model, "the TLS handshake with " + shownEndpoint
                    + " did not finish within the connect timeout (" + connectTimeout.toMillis() + " ms): the"
                    + " server probably speaks plain http; use http:// in the base URL, not https://", null);
                tls.addSuppressed(e);
                guarded(() -> failed(n, tls));
                return;
              }
              guarded(() -> failed(n, new LMException(model, "request to " + shownEndpoint + " failed: " + e, e)));
            }

            @Override
            public void onResponse(Call c, Response response) {
              guarded(() -> received(n, response));
            }
          });
    }

    private void received(int n, Response response) {
      if (sink != null && response.isSuccessful() && isEventStream(response)) {
        new SseRead(this, n, response).pump();
        return;
      }
      LMResponse parsed;
      try (response) {
        parsed = read(response);
      } catch (LMException e) {
        failed(n, e);
        return;
      } catch (IOException e) {
        failed(n, new LMException(model, "reading the reply from " + shownEndpoint + " failed: " + e, e));
        return;
      } catch (Throwable e) {
        // Out of memory included: the reply's buffer is gone with the response, so failing is safe.
        failed(n, new LMException(model, "unexpected failure reading the reply from " + shownEndpoint + ": "
            + e, e));
        if (e instanceof VirtualMachineError) {
          throw (VirtualMachineError) e;
        }
        return;
      }
      if (sink != null && !parsed.text().isEmpty()) {
        delivered = true;
        sink.delta(parsed.text()); // a server that ignored stream: true; the whole text is one delta
      }
      succeeded(n, parsed);
    }

    private void succeeded(int n, LMResponse parsed) {
      if (log.isDebugEnabled()) {
        log.debug(
            "{} answered in {} ms after {} attempt(s)",
            model,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            n + 1);
      }
      promptTokens.addAndGet(parsed.usage().promptTokens());
      completionTokens.addAndGet(parsed.usage().completionTokens());
      totalTokens.addAndGet(parsed.usage().totalTokens());
      future.complete(parsed);
    }

    private void failed(int n, LMException e) {
      if (future.isDone()) {
        return;
      }
      if (closed) {
        future.completeExceptionally(new LMException(model, "the LM was closed while this call was in flight", e));
        return;
      }
      Duration wait = n < numRetries && !delivered ? retryDelay(e, n) : null;
      if (wait == null) {
        for (Throwable earlier : failures) {
          e.addSuppressed(earlier);
        }
        future.completeExceptionally(e);
        return;
      }
      failures.add(e);
      log.warn("{} attempt {} of {} failed, retrying in {} ms: {}", model, n + 1, numRetries + 1, wait.toMillis(),
          e.getMessage());
      RETRY_SCHEDULER.schedule(() -> attempt(n + 1), wait.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private static boolean isEventStream(Response response) {
    MediaType type = response.body().contentType();
    return type == null || !"json".equals(type.subtype());
  }

  /**
   * Reads one streamed reply's Server-Sent Events on the I/O thread, handing content deltas to the sink;
   * when the sink asks for a pause, it stops reading (TCP then holds the server back) and resumes on this
   * LM's executor once the sink is ready, so no thread waits for a slow consumer.
   */
  private final class SseRead {
    private final Attempts call;
    private final int n;
    private final Response response;
    private final BufferedSource source;
    private final List<StringBuilder> texts = new ArrayList<>(1);
    private final List<String> finishReasons = new ArrayList<>(1);
    private final StringBuilder data = new StringBuilder();
    private boolean dataPending;
    private Usage usage = Usage.NONE;
    private String servedBy;
    private long bytes;
    private boolean done;

    SseRead(Attempts call, int n, Response response) {
      this.call = call;
      this.n = n;
      this.response = response;
      this.source = response.body().source();
    }

    /** Reads events until the reply ends or the sink asks for a pause. */
    void pump() {
      try {
        while (true) {
          if (call.future.isDone()) { // cancelled, or the LM closed
            response.close();
            return;
          }
          String line = nextLine();
          CompletionStage<?> gate = line == null ? dispatch() : line(line);
          if (done || line == null) {
            response.close();
            finished();
            return;
          }
          if (gate != null && !gate.toCompletableFuture().isDone()) {
            gate.whenComplete((x, e) -> resume());
            return;
          }
        }
      } catch (LMException e) {
        response.close();
        call.failed(n, e);
      } catch (IOException e) {
        response.close();
        call.failed(n, new LMStreamException(model, "reading the streamed reply from " + shownEndpoint
            + " failed after " + bytes + " bytes: " + e, text(0), e));
      } catch (RuntimeException e) {
        response.close();
        call.failed(n, new LMStreamException(model, "unexpected failure reading the streamed reply: " + e,
            text(0), e));
      } catch (Error e) {
        source.getBuffer().clear();
        response.close();
        call.failed(n, new LMStreamException(model, "unexpected failure reading the streamed reply: " + e,
            text(0), e));
        if (e instanceof VirtualMachineError) {
          throw e;
        }
      }
    }

    private void resume() {
      try {
        executor.execute(() -> call.guarded(this::pump));
      } catch (java.util.concurrent.RejectedExecutionException e) { // the LM was closed
        response.close();
        call.failed(n, new LMException(model, "the LM was closed while this call was in flight", e));
      }
    }

    /** The next line without its end, counted against the size limit; {@code null} at the end. */
    private String nextLine() throws IOException {
      long room = maxResponseBytes - bytes;
      long newline = source.indexOf((byte) '\n', 0, room == Long.MAX_VALUE ? room : room + 1);
      String line;
      if (newline < 0) {
        if (source.getBuffer().size() > room) {
          source.getBuffer().clear();
          throw new LMResponseTooLargeException(model, shownEndpoint, maxResponseBytes, -1);
        }
        if (!source.exhausted()) { // indexOf stopped at the limit
          throw new LMResponseTooLargeException(model, shownEndpoint, maxResponseBytes, -1);
        }
        if (source.getBuffer().size() == 0) {
          return null;
        }
        bytes += source.getBuffer().size();
        line = source.readUtf8();
      } else {
        bytes += newline + 1;
        line = source.readUtf8(newline);
        source.skip(1);
      }
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** One SSE line: a {@code data} field gathers, a blank line dispatches, anything else is ignored. */
    private CompletionStage<?> line(String line) {
      if (line.isEmpty()) {
        return dispatch();
      }
      if (line.startsWith(":")) {
        return null; // a comment (keep-alive)
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      if (!field.equals("data")) {
        if (field.equals("event") || field.equals("id") || field.equals("retry")) {
          return null;
        }
        throw new LMStreamException(model, "malformed Server-Sent Events line from " + shownEndpoint
            + ": expected 'data: {...}', a comment or a blank line, got: " + snippet(line), text(0), null);
      }
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (dataPending) {
        data.append('\n');
      }
      data.append(value);
      dataPending = true;
      return null;
    }

    private CompletionStage<?> dispatch() {
      if (!dataPending) {
        return null;
      }
      String event = data.toString();
      data.setLength(0);
      dataPending = false;
      if (event.strip().equals("[DONE]")) {
        done = true;
        return null;
      }
      JsonNode root;
      try {
        root = MAPPER.readTree(event);
      } catch (JacksonException e) {
        throw new LMStreamException(model, "a streamed event is not JSON (expected a chat.completion.chunk): "
            + snippet(event), text(0), e);
      }
      if (root.has("error")) {
        throw httpError(response.code(), event, null);
      }
      JsonNode u = root.path("usage");
      if (u.isObject()) {
        usage = new Usage(
            u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0), u.path("total_tokens").asLong(0));
      }
      if (root.path("model").isString()) {
        servedBy = root.path("model").stringValue();
      }
      JsonNode choices = root.path("choices");
      if (!choices.isArray()) {
        if (u.isObject()) {
          return null;
        }
        throw new LMStreamException(model, "a streamed chunk has neither choices nor usage: " + snippet(event),
            text(0), null);
      }
      CompletionStage<?> gate = null;
      for (JsonNode c : choices) {
        int index = c.path("index").asInt(0);
        if (index < 0 || index > 1024) {
          throw new LMStreamException(model, "a streamed choice has index " + index + ": " + snippet(event),
              text(0), null);
        }
        while (texts.size() <= index) {
          texts.add(new StringBuilder());
          finishReasons.add(null);
        }
        JsonNode content = c.path("delta").path("content");
        if (content.isString() && !content.stringValue().isEmpty()) {
          texts.get(index).append(content.stringValue());
          if (index == 0) {
            call.delivered = true;
            gate = call.sink.delta(content.stringValue());
          }
        }
        if (c.path("finish_reason").isString()) {
          finishReasons.set(index, c.path("finish_reason").stringValue());
        }
      }
      return gate;
    }

    private void finished() {
      if (!done && (texts.isEmpty() || finishReasons.contains(null))) {
        throw new LMStreamException(model, "the streamed reply from " + shownEndpoint + " ended after " + bytes
            + " bytes without 'data: [DONE]' or a finish_reason: it is incomplete. Text so far: "
            + snippet(text(0)), text(0), null);
      }
      if (texts.isEmpty()) {
        throw new LMStreamException(model, "the streamed reply ended with [DONE] but had no choices", "", null);
      }
      List<LMResponse.Choice> out = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        out.add(new LMResponse.Choice(texts.get(i).toString(), finishReasons.get(i)));
      }
      call.succeeded(n, new LMResponse(out, usage, servedBy != null ? servedBy : apiModel));
    }

    private String text(int index) {
      return index < texts.size() ? texts.get(index).toString() : "";
    }
  }

  /** How long to wait before attempt {@code n + 1}, or {@code null} if {@code e} is not worth retrying. */
  private Duration retryDelay(LMException e, int n) {
    if (e instanceof LMHttpException) {
      LMHttpException h = (LMHttpException) e;
      if (!h.isRetryable()) {
        return null;
      }
      Optional<Duration> asked = h.retryAfter();
      if (asked.isPresent()) {
        // Waiting less than the server asked would only spend a retry on a certain refusal.
        return asked.get().compareTo(maxBackoff) <= 0 ? asked.get() : null;
      }
    } else if (!(e.getCause() instanceof IOException)) {
      return null; // a reply we could not read as a completion will not read better next time
    }
    // Exponential backoff with "equal jitter": half the step fixed, half random.
    long step = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() << Math.min(n, 30));
    long half = step / 2;
    return Duration.ofNanos(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
  }

  private Request httpRequest(LMRequest request, boolean stream) {
    Map<String, Object> body = request.openAiBody(apiModel, defaults);
    body.keySet().removeAll(LMCache.LOCAL_PARAMS); // jspy's own switches, never sent
    if (stream) {
      body.put("stream", true);
      body.put("stream_options", Map.of("include_usage", true)); // usage arrives in a last, choice-less chunk
    }
    Request.Builder rb =
        new Request.Builder().url(endpoint).post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON));
    if (apiKey != null) {
      rb.header("Authorization", "Bearer " + apiKey);
    }
    return rb.build();
  }

  private LMResponse read(Response response) throws IOException {
    ResponseBody body = response.body();
    if (!response.isSuccessful()) {
      if (response.isRedirect()) {
        throw redirected(response);
      }
      throw httpError(response.code(), errorText(body), retryAfter(response.header("Retry-After")));
    }
    String text = boundedText(body);
    if (text.isBlank()) {
      throw new LMException(model, "the server sent an empty reply (HTTP " + response.code() + ")", null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new LMException(model, "the reply is not JSON: " + snippet(text), e);
    }
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      if (root.has("error")) {
        throw httpError(response.code(), text, null);
      }
      throw new LMException(model, "the reply has no choices: " + snippet(text), null);
    }
    List<LMResponse.Choice> out = new ArrayList<>(choices.size());
    for (JsonNode c : choices) {
      JsonNode finish = c.path("finish_reason");
      out.add(
          new LMResponse.Choice(
              content(c.path("message"), out.size(), text), finish.isString() ? finish.stringValue() : null));
    }
    JsonNode u = root.path("usage");
    Usage usage =
        u.isObject()
            ? new Usage(
                u.path("prompt_tokens").asLong(0),
                u.path("completion_tokens").asLong(0),
                u.path("total_tokens").asLong(0))
            : Usage.NONE;
    JsonNode servedBy = root.path("model");
    return new LMResponse(out, usage, servedBy.isString() ? servedBy.stringValue() : apiModel);
  }

  /**
   * The reply body as text, read only if it is at most {@code maxResponseBytes} after decompression (OkHttp
   * inflates gzip transparently, so what is counted here is what would be held in memory).
   */
  private String boundedText(ResponseBody body) throws IOException {
    long declared = body.contentLength(); // -1 when chunked, unannounced or inflated from gzip
    if (declared > maxResponseBytes) {
      throw new LMResponseTooLargeException(model, shownEndpoint, maxResponseBytes, declared);
    }
    BufferedSource source = body.source();
    try {
      // Buffers up to one byte past the limit: true means there is more than the limit. The buffered bytes
      // are what string() then decodes, so the normal case copies nothing extra.
      if (declared < 0 && source.request(maxResponseBytes == Long.MAX_VALUE ? Long.MAX_VALUE : maxResponseBytes + 1)) {
        throw new LMResponseTooLargeException(model, shownEndpoint, maxResponseBytes, -1);
      }
      return body.string();
    } catch (Error e) {
      // Out of memory, most likely: free what was read now, since closing the response allocates and could
      // fail before it gets to that, leaving no room even to report the failure.
      source.getBuffer().clear();
      throw e;
    }
  }

  /** The start of an error reply, enough to quote: its status is the news, not the whole body. */
  private String errorText(ResponseBody body) throws IOException {
    long cap = Math.min(maxResponseBytes, MAX_ERROR_BODY_BYTES);
    BufferedSource source = body.source();
    source.request(cap);
    Buffer buffer = source.getBuffer();
    MediaType type = body.contentType();
    Charset charset = type == null ? null : type.charset(null);
    return buffer.readString(Math.min(buffer.size(), cap), charset == null ? StandardCharsets.UTF_8 : charset);
  }

  /** A 3xx: where it points, and why jspy does not go there. */
  private LMHttpException redirected(Response response) {
    String location = response.header("Location");
    HttpUrl target = location == null ? null : response.request().url().resolve(location);
    return new LMHttpException(
        model,
        shownEndpoint,
        response.code(),
        location == null
            ? "a redirect without a Location"
            : "redirected to " + Urls.redact(target == null ? location : target.toString()),
        null,
        "jspy does not follow redirects for LM calls, since one turns the POST into a GET or sends the prompt and "
            + "the key to another host; it usually means a misconfigured base URL, e.g. http:// where the server "
            + "wants https://, or a missing /v1: set apiBase (or OPENAI_BASE_URL) to the URL the server expects");
  }

  /**
   * The text of a choice's {@code message}: its {@code content} string, or the text parts of a content
   * array joined, as OpenAI-compatible servers that send parts mean them. A message with no text but tool
   * calls or a refusal fails, saying which, instead of passing on an empty reply the adapter cannot place.
   */
  private String content(JsonNode message, int index, String reply) {
    JsonNode content = message.path("content");
    if (content.isString()) {
      return content.stringValue();
    }
    String choice = "choice " + index + ": ";
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      boolean anyText = false;
      List<String> types = new ArrayList<>();
      for (JsonNode part : content) {
        String type = part.path("type").isString() ? part.path("type").stringValue() : null;
        types.add(type == null ? "(untyped)" : type);
        if (part.path("text").isString() && (type == null || type.equals("text") || type.equals("output_text"))) {
          text.append(part.path("text").stringValue());
          anyText = true;
        }
      }
      if (anyText) {
        return text.toString();
      }
      throw new LMException(
          model,
          choice
              + "message.content is an array of "
              + content.size()
              + " part(s) with no text part (types: "
              + String.join(", ", types)
              + "); jspy reads text only. Reply: "
              + snippet(reply),
          null);
    }
    JsonNode toolCalls = message.path("tool_calls");
    if ((toolCalls.isArray() && !toolCalls.isEmpty()) || message.path("function_call").isObject()) {
      List<String> names = new ArrayList<>();
      for (JsonNode call : toolCalls) {
        names.add(call.path("function").path("name").asString("?"));
      }
      if (message.path("function_call").isObject()) {
        names.add(message.path("function_call").path("name").asString("?"));
      }
      throw new LMException(
          model,
          choice
              + "message.content is "
              + (content.isMissingNode() ? "missing" : content.isNull() ? "null" : content.getNodeType())
              + " and the reply has tool_calls ("
              + String.join(", ", names)
              + "): jspy does not use native tool calling (its adapters, ReAct included, ask for the answer as "
              + "text), so the model or the server's chat template answered with a tool call; do not pass "
              + "'tools'/'tool_choice' parameters, or serve the model with a template that answers in text. Reply: "
              + snippet(reply),
          null);
    }
    JsonNode refusal = message.path("refusal");
    if (refusal.isString() && !refusal.stringValue().isBlank()) {
      throw new LMException(model, choice + "the model refused: " + snippet(refusal.stringValue()), null);
    }
    return ""; // no content at all (say, cut off at the token limit before any): the adapter reports it
  }

  private LMHttpException httpError(int status, String body, Duration retryAfter) {
    String message = serverMessage(body);
    if (status == 401 || status == 403) {
      return new AuthenticationException(model, shownEndpoint, status, message, apiKey != null);
    }
    if (status == 429) {
      return new RateLimitException(model, shownEndpoint, message, retryAfter);
    }
    return new LMHttpException(model, shownEndpoint, status, message, retryAfter, null);
  }

  /** {@code Retry-After} as seconds or an HTTP date; {@code null} if absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip();
    try {
      double seconds = Double.parseDouble(h);
      return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(
            java.time.Instant.now(), java.time.ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The {@code error.message} of an OpenAI-style error body, else the body itself, shortened. */
  private String serverMessage(String body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      JsonNode error = root.path("error");
      if (error.isString()) {
        return redact(error.stringValue());
      }
      if (error.path("message").isString()) {
        return redact(error.path("message").stringValue());
      }
    } catch (JacksonException e) {
      // Not JSON (an HTML error page from a proxy, say): quote it as it is.
    }
    return snippet(body);
  }

  private String snippet(String text) {
    String t = redact(text == null ? "" : text.strip());
    return t.length() <= MAX_ERROR_TEXT ? t : t.substring(0, MAX_ERROR_TEXT) + " …";
  }

  /** Servers sometimes echo the key they rejected; it must not reach a log through an exception. */
  private String redact(String text) {
    if (apiKey == null || apiKey.length() < 4 || text == null) {
      return text;
    }
    return text.replace(apiKey, "***");
  }

  @Override
  public void close() {
    closed = true;
    client.dispatcher().cancelAll();
    executor.shutdown();
    client.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "OpenAiLM{model="
        + model
        + ", endpoint="
        + shownEndpoint
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", maxConcurrency="
        + maxConcurrency
        + ", numRetries="
        + numRetries
        + ", cache="
        + (cache == null ? "off" : cache.directory())
        + ", defaults="
        + defaults
        + "}";
  }

  /** Builds an {@link OpenAiLM}. Every setting has a default; the environment presets key and base URL. */
  public static final class Builder {
    private final String model;
    private String apiBase;
    private boolean apiBaseFromEnv;
    private boolean apiBaseSet;
    private String apiKey;
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
    private int numRetries = DEFAULT_NUM_RETRIES;
    private boolean cacheOn = true;
    private LMCache cache;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofMinutes(10);
    private Duration callTimeout = Duration.ofMinutes(10);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private ResponseFormatSupport responseFormatSupport = ResponseFormatSupport.JSON_SCHEMA;

    private Builder(String model, Function<String, String> env) {
      this.model = Objects.requireNonNull(model, "model");
      providerModel(model); // fail early on an unsupported provider
      String base = env.apply("OPENAI_BASE_URL");
      this.apiBaseFromEnv = base != null && !base.isBlank();
      this.apiBase = apiBaseFromEnv ? base : "https://api.openai.com/v1";
      this.apiKey = env.apply("OPENAI_API_KEY");
    }

    /**
     * @param url the server's OpenAI base URL, e.g. {@code http://127.0.0.1:8080/v1}
     * @return this builder
     */
    public Builder apiBase(String url) {
      this.apiBase = Objects.requireNonNull(url, "url");
      this.apiBaseFromEnv = false;
      this.apiBaseSet = true;
      return this;
    }

    /**
     * @param key the API key, or {@code null} for servers that need none
     * @return this builder
     */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /**
     * @param t sampling temperature sent with every call
     * @return this builder
     */
    public Builder temperature(double t) {
      defaults.put("temperature", t);
      return this;
    }

    /**
     * @param n the most tokens to generate per call ({@code max_tokens})
     * @return this builder
     */
    public Builder maxTokens(int n) {
      defaults.put("max_tokens", n);
      return this;
    }

    /**
     * Sets any other request parameter sent with every call ({@code seed}, {@code top_p}, {@code stop}, …).
     *
     * @param name the OpenAI parameter name
     * @param value its value (String, Number, Boolean, List or Map)
     * @return this builder
     */
    public Builder param(String name, Object value) {
      if (name.equalsIgnoreCase("api_key") || name.equalsIgnoreCase("apiKey")) {
        throw new IllegalArgumentException("pass the key with apiKey(...), never as a request parameter");
      }
      defaults.put(name, value);
      return this;
    }

    /**
     * @param n requests in flight at once; more wait in a queue that holds no thread
     * @return this builder
     */
    public Builder maxConcurrency(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + n);
      }
      this.maxConcurrency = n;
      return this;
    }

    /**
     * @param n how many times to retry a call that failed on 408, 409, 429, 5xx or a connection problem
     *     (default {@value OpenAiLM#DEFAULT_NUM_RETRIES}, as DSPy); 0 to never retry
     * @return this builder
     */
    public Builder numRetries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("numRetries must not be negative, got " + n);
      }
      this.numRetries = n;
      return this;
    }

    /**
     * The waits between attempts: exponential from {@code initial}, doubled per attempt up to {@code max},
     * with jitter; a server's {@code Retry-After} up to {@code max} is used as it is.
     *
     * @param initial the first wait (before jitter)
     * @param max the longest wait
     * @return this builder
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * Turns the response cache on (the default, as in DSPy) or off. On, identical requests are answered
     * from memory or from the disk cache shared by every LM in the JVM ({@code JSPY_CACHE_DIR}, else
     * {@code ~/.jspy_cache}), and identical requests in flight at once make one HTTP call. A single call
     * skips the cache with the request parameter {@code cache: false}; a {@code rollout_id} parameter
     * makes a distinct cache entry, as in DSPy. Neither is sent to the server. The API key is never part
     * of a cache entry.
     *
     * @param on whether to cache
     * @return this builder
     */
    public Builder cache(boolean on) {
      this.cacheOn = on;
      return this;
    }

    /**
     * Uses a cache of your own (another directory, memory only, …) instead of the shared one.
     *
     * @param cache the cache; the caller closes it
     * @return this builder
     */
    public Builder cache(LMCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      this.cacheOn = true;
      return this;
    }

    /**
     * @param timeout how long to wait for a connection, and for its TLS handshake (default 10 s); a handshake
     *     that does not finish in time fails the call without a retry, saying the server may speak plain http
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * @param timeout the longest silence while reading the reply (default 10 minutes: a server sends nothing
     *     until a non-streamed completion is ready)
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * @param timeout the longest a whole attempt may take (default 10 minutes)
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.callTimeout = timeout;
      return this;
    }

    /**
     * The largest reply this LM reads, counted after decompression (the client asks for gzip). A larger
     * one fails the call with an {@link dev.jspy.lm.LMResponseTooLargeException} instead of filling the heap.
     *
     * @param bytes the limit (default {@value OpenAiLM#DEFAULT_MAX_RESPONSE_BYTES}, 16 MiB)
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1, got " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Says what {@code response_format} the server takes (structured outputs by default), as litellm tells
     * DSPy per model: the JSON adapter then sends {@code json_object} or no {@code response_format} at all.
     *
     * @param support what the server takes
     * @return this builder
     */
    public Builder responseFormatSupport(ResponseFormatSupport support) {
      this.responseFormatSupport = Objects.requireNonNull(support, "support");
      return this;
    }

    /**
     * @return the LM
     * @throws ConfigurationException if the base URL is not an http(s) URL, or if there is no API key for
     *     the hosted OpenAI API (neither a key nor a base URL was given, by the environment or here)
     */
    public OpenAiLM build() {
      return new OpenAiLM(this);
    }
  }
}
