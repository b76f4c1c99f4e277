package dev.jspy.lm;

import dev.jspy.core.ConfigurationException;
import dev.jspy.internal.LmThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The LM {@link LM#builder} builds: a chain of {@link Interceptor}s ending in a {@link Transport}. By
 * default the transport speaks to an OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, vLLM,
 * Ollama, llama.cpp's server, LM Studio, …) on OkHttp's asynchronous API; {@link Builder#transport} plugs in
 * another, which then gets the same chain.
 *
 * <p>Every call, {@link #acall}/{@link #call} made directly included, runs through: the builder's
 * {@linkplain Builder#interceptor interceptors}, observation (callbacks, history, usage: see
 * {@link CallOptions}), the cache (memory, disk, single-flight), retries with backoff, the transport.
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

  private static final AtomicInteger LM_IDS = new AtomicInteger();

  private final String model;
  private final String apiModel;
  private final String apiBase;
  /** The server's host and port, from {@code apiBase}; {@code null} and -1 with a transport of your own. */
  private final String serverAddress;
  private final int serverPort;
  private final boolean hasApiKey;
  private final String shownEndpoint;
  private final Map<String, Object> defaults;
  private final int maxConcurrency;
  private final int numRetries;
  /** The OpenAI transport, or {@code null} when the builder was given another. */
  private final OpenAiTransport http;
  private final Transport transport;
  private final ResponseCache cache;
  private final List<Interceptor> links;
  /** This LM's own callbacks, told of every call besides the call's (DSPy's {@code lm.callbacks}). */
  private final List<LMCallback> callbacks;
  private final ResponseFormatSupport responseFormatSupport;
  private volatile boolean closed;
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final AtomicLong totalTokens = new AtomicLong();

  private OpenAiLM(Builder b) {
    this.model = b.model;
    this.defaults = Map.copyOf(b.defaults);
    this.maxConcurrency = b.maxConcurrency;
    this.numRetries = b.numRetries;
    this.responseFormatSupport = b.responseFormatSupport;
    this.callbacks = List.copyOf(b.callbacks);
    String key = b.apiKey == null || b.apiKey.isBlank() ? null : b.apiKey;
    this.hasApiKey = key != null;
    if (b.transport != null) {
      this.apiModel = b.model;
      this.apiBase = null;
      this.serverAddress = null;
      this.serverPort = -1;
      this.shownEndpoint = null;
      this.http = null;
      this.transport = b.transport;
    } else {
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
      if (key == null && !b.apiBaseSet && !b.apiBaseFromEnv) {
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
      this.serverAddress = base.host();
      this.serverPort = base.port();
      HttpUrl endpoint = base.newBuilder().addPathSegments("chat/completions").build();
      this.http = new OpenAiTransport(model, apiModel, endpoint, key, b.maxResponseBytes, b.maxConcurrency,
          b.connectTimeout, b.readTimeout, b.callTimeout, b.client, "jspy-lm-" + LM_IDS.incrementAndGet() + "-");
      this.shownEndpoint = http.shownEndpoint;
      this.transport = http;
    }
    this.cache = b.cacheOn ? (b.cache != null ? b.cache : SharedCache.get()) : null;
    List<Interceptor> chain = new ArrayList<>(b.interceptors);
    chain.add(Observation.INSTANCE);
    if (!defaults.isEmpty()) {
      chain.add(chainLink -> chainLink.proceed(withDefaults(chainLink.request())));
    }
    if (cache != null) {
      chain.add(new CacheLink(cache, apiModel, apiBase));
    }
    chain.add(new Retries(numRetries, b.initialBackoff, b.maxBackoff, () -> closed, this::served));
    Transport t = transport;
    OpenAiTransport h = http;
    chain.add(
        h == null
            ? chainLink -> t.send(chainLink.request(), chainLink.options().sink())
            // A caller that blocks for the reply gets the exchange made on its own thread, as OkHttp's
            // execute(), unless it is an LM I/O thread (whose waiting is refused, not made worse).
            : chainLink -> h.send(chainLink.request(), chainLink.options().sink(),
                chainLink.options().callerWaits() && !LmThreads.isIoThread()));
    this.links = List.copyOf(chain);
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
              + "OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio) and set apiBase, or plug in "
              + "your own with LM.builder(model).transport(...)");
    }
    return model;
  }

  /** {@code request} with this LM's defaults under it, as the server gets it ({@code null} removes one). */
  private LMRequest withDefaults(LMRequest request) {
    Map<String, Object> merged = new LinkedHashMap<>(defaults);
    request.params().forEach((k, v) -> {
      if (v == null) {
        merged.remove(k);
      } else {
        merged.put(k, v);
      }
    });
    return new LMRequest(request.messages(), merged);
  }

  private void served(Usage u) {
    promptTokens.addAndGet(u.promptTokens());
    completionTokens.addAndGet(u.completionTokens());
    totalTokens.addAndGet(u.totalTokens());
  }

  @Override
  public String model() {
    return model;
  }

  /**
   * The host of the server this LM sends its requests to, as tracing's {@code server.address}: from the base
   * URL, without its user info, path or query.
   *
   * @return the host name or IP address ({@code 127.0.0.1}, {@code api.openai.com}; an IPv6 address without
   *     brackets), or {@code null} when the LM was built with a transport of your own
   */
  public String serverAddress() {
    return serverAddress;
  }

  /**
   * The port of the server this LM sends its requests to, as tracing's {@code server.port}.
   *
   * @return the base URL's port, or its scheme's default (443, 80) when it names none; -1 when the LM was
   *     built with a transport of your own
   */
  public int serverPort() {
    return serverPort;
  }

  /** @return the requests this LM lets in flight at once (with the OpenAI transport) */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** @return requests of this LM in flight now (sent, reply not yet read); 0 with a transport of your own */
  public int inFlight() {
    return http == null ? 0 : http.inFlight();
  }

  /** @return requests of this LM waiting for a free slot (they hold no thread); 0 with a transport of your own */
  public int queued() {
    return http == null ? 0 : http.queued();
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

  /** Runs the chain with {@link CallOptions#ambient()}. */
  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request) {
    return acall(request, CallOptions.ambient());
  }

  /**
   * {@inheritDoc}
   *
   * <p>With the OpenAI transport: sends {@code stream: true} with {@code stream_options.include_usage} and
   * reads the Server-Sent Events as they come. The stream must end with {@code data: [DONE]} or with a
   * {@code finish_reason} for every choice; one that breaks off before, an event that is not JSON, or a chunk
   * with neither choices nor usage fails the call with an {@link LMStreamException} that keeps the text that
   * arrived. An error event mid-stream fails it with an {@link LMHttpException}. The reply counts against
   * {@link Builder#maxResponseBytes} as a whole. A server that answers with a plain JSON completion instead
   * is read as one and its text sent as a single delta. Streamed and plain calls share cache entries.
   */
  @Override
  public CompletableFuture<LMResponse> astream(LMRequest request, DeltaSink sink) {
    return acall(request, CallOptions.ambient().withSink(Objects.requireNonNull(sink, "sink")));
  }

  /** Runs the whole chain: interceptors, observation, cache, retries, transport. */
  @Override
  public CompletableFuture<LMResponse> acall(LMRequest request, CallOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    if (closed) {
      return CompletableFuture.failedFuture(new LMException(model, "the LM is closed; build a new one", null));
    }
    if (!callbacks.isEmpty()) {
      List<LMCallback> all = new ArrayList<>(options.callbacks().size() + callbacks.size());
      all.addAll(options.callbacks());
      all.addAll(callbacks);
      options = options.withCallbacks(all, options.parentCallId());
    }
    return RealChain.run(this, links, request, options);
  }

  /** @return the cache this LM reads and fills, or {@code null} if caching is off */
  public ResponseCache cache() {
    return cache;
  }

  @Override
  public void close() {
    closed = true;
    transport.close();
  }

  @Override
  public String toString() {
    return "OpenAiLM{model="
        + model
        + (http != null ? ", endpoint=" + shownEndpoint : ", transport=" + transport.getClass().getName())
        + ", apiKey="
        + (hasApiKey ? "***" : "none")
        + ", maxConcurrency="
        + maxConcurrency
        + ", numRetries="
        + numRetries
        + ", cache="
        + (cache == null ? "off" : cache.describe())
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
    private ResponseCache cache;
    private Transport transport;
    private OkHttpClient client;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final List<LMCallback> callbacks = new ArrayList<>();
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofMinutes(10);
    private Duration callTimeout = Duration.ofMinutes(10);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private ResponseFormatSupport responseFormatSupport = ResponseFormatSupport.JSON_SCHEMA;

    private Builder(String model, Transport transport) {
      this.model = Objects.requireNonNull(model, "model");
      this.transport = Objects.requireNonNull(transport, "transport");
      this.apiBase = "https://api.openai.com/v1";
    }

    /** A builder for an LM of {@code model} over {@code transport}: no environment, no provider check. */
    static Builder forTransport(String model, Transport transport) {
      return new Builder(model, transport);
    }

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
      if (name.equals("cache") || name.equals("rollout_id")) {
        throw new IllegalArgumentException("'" + name + "' is not a request parameter: use cache(boolean) here, or "
            + "per call CallOptions.withCache(false) / withRolloutId(id)");
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
     * skips the cache with {@link CallOptions#withCache CallOptions.withCache(false)}; a
     * {@linkplain CallOptions#withRolloutId rollout id} makes a distinct cache entry, as in DSPy. Neither is
     * sent to the server. The API key is never part of a cache entry.
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
    public Builder cache(ResponseCache cache) {
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
     * Adds a link in front of the chain (before observation, cache, retries and the transport); links run
     * in the order added. See {@link Interceptor}.
     *
     * @param interceptor the link
     * @return this builder
     */
    public Builder interceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Adds a callback told of every call of this LM, after the call's own ({@link CallOptions#callbacks()},
     * which inside jspy are the settings' callbacks), as DSPy's {@code dspy.LM(..., callbacks=[...])}.
     *
     * @param callback the callback
     * @return this builder
     */
    public Builder callback(LMCallback callback) {
      callbacks.add(Objects.requireNonNull(callback, "callback"));
      return this;
    }

    /**
     * Replaces the OpenAI transport with one of your own, which then gets the whole chain (callbacks,
     * history, usage, cache, retries). The settings of the OpenAI transport (base URL, key, timeouts, client,
     * {@code maxResponseBytes}) then have no effect. See also {@link LM#builder(String, Transport)}, which
     * takes a model name of any form.
     *
     * @param transport the last link
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sends the requests with your own OkHttp client: the LM derives its client with
     * {@link OkHttpClient#newBuilder()}, so the connection pool, interceptors, proxy, DNS, TLS settings and
     * event listener of yours are shared and used. jspy still sets, on the derived client only: its own
     * {@link Dispatcher} (on jspy's I/O threads, {@link #maxConcurrency} requests in flight), the connect,
     * read, write and call timeouts of this builder (its defaults unless set), redirects off, and a guard
     * that bounds the TLS handshake by the connect timeout (added to your event listener).
     *
     * @param client the client to derive from; closing the LM leaves its pool alone but for idle connections
     * @return this builder
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
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
