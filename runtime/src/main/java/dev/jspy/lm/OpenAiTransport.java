package dev.jspy.lm;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The OpenAI {@code /chat/completions} wire format over OkHttp: one attempt per {@link #send}, plain or
 * streamed (Server-Sent Events), with jspy's limits (reply size, TLS handshake bounded by the connect
 * timeout, no redirects) and error mapping. The last link of an {@link OpenAiLM}'s chain.
 */
final class OpenAiTransport implements Transport {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final int MAX_ERROR_TEXT = 2000;
  /** How much of an error reply is read: ample for an error message, small beside any heap. */
  private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;
  private static final ScheduledExecutorService RETRY_SCHEDULER = Retries.SCHEDULER;

  private final String model;
  private final String apiModel;
  private final HttpUrl endpoint;
  /** The endpoint as messages show it: user info and query values redacted (either may be a credential). */
  final String shownEndpoint;
  private final String apiKey;
  private final long maxResponseBytes;
  private final Duration connectTimeout;
  final OkHttpClient client;
  private final ExecutorService executor;
  private final Slots slots;
  private volatile boolean closed;
  /** Whether the connection pool is this transport's own (not shared with a client of the user's). */
  private final boolean ownsPool;

  /**
   * @param base the client to derive from ({@code newBuilder}, so its connection pool and interceptors are
   *     shared), or {@code null} for a fresh one
   */
  OpenAiTransport(
      String model, String apiModel, HttpUrl endpoint, String apiKey, long maxResponseBytes, int maxConcurrency,
      Duration connectTimeout, Duration readTimeout, Duration callTimeout, OkHttpClient base, String threadPrefix) {
    this.model = model;
    this.apiModel = apiModel;
    this.endpoint = endpoint;
    this.shownEndpoint = Urls.redact(endpoint.toString());
    this.apiKey = apiKey;
    this.maxResponseBytes = maxResponseBytes;
    this.connectTimeout = connectTimeout;
    this.executor = IoThreads.create(threadPrefix, maxConcurrency);
    this.slots = new Slots(maxConcurrency);
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(maxConcurrency);
    dispatcher.setMaxRequestsPerHost(maxConcurrency);
    this.ownsPool = base == null;
    OkHttpClient.Builder b = base == null ? new OkHttpClient.Builder() : base.newBuilder();
    EventListener.Factory theirs = base == null ? null : base.eventListenerFactory();
    b.dispatcher(dispatcher)
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        .callTimeout(callTimeout)
        // A redirect would turn the POST into a GET (301-303) or send the prompt and the key to
        // wherever the Location says; it is reported as a misconfigured base URL instead.
        .followRedirects(false)
        .followSslRedirects(false)
        .eventListenerFactory(
            theirs == null
                ? c -> new HandshakeGuard(connectTimeout)
                : c -> theirs.create(c).plus(new HandshakeGuard(connectTimeout)));
    if (base == null) {
      // Keep a warm connection for every call that may be in flight (OkHttp keeps 5 by default, so a
      // busy LM would open and close connections all the time). A client of the user's keeps its pool.
      b.retryOnConnectionFailure(true).connectionPool(new ConnectionPool(maxConcurrency, 5, TimeUnit.MINUTES));
    }
    this.client = b.build();
  }

  int inFlight() {
    return slots.used();
  }

  int queued() {
    return slots.queued();
  }

  @Override
  public void close() {
    closed = true;
    for (Exchange waiting : slots.drain()) {
      waiting.failed(new LMException(model, "the LM was closed while this call waited for a free slot", null));
    }
    client.dispatcher().cancelAll();
    executor.shutdown();
    if (ownsPool) {
      client.connectionPool().evictAll();
    }
  }

  @Override
  public CompletableFuture<LMResponse> send(LMRequest request, DeltaSink sink) {
    return send(request, sink, false);
  }

  /**
   * Sends one attempt.
   *
   * @param here whether the calling thread waits for the result anyway: then a plain (not streamed) call
   *     that finds a free slot and no call queued before it is made on this thread, as OkHttp's
   *     {@code execute}, sparing the hand-offs to an I/O thread and back; the returned future is then done
   */
  CompletableFuture<LMResponse> send(LMRequest request, DeltaSink sink, boolean here) {
    Request http;
    try {
      http = httpRequest(request, sink != null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new LMException(model, "could not build the request: " + e, e));
    }
    return new Exchange(http, sink).start(here && sink == null);
  }

  /**
   * The bound on requests in flight ({@code maxConcurrency}), shared by calls made on the I/O threads and
   * calls made on their callers' threads; calls beyond it wait in order, holding no thread. A freed slot
   * passes straight to the next waiting call.
   */
  private static final class Slots {
    private final int max;
    private int used;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();

    Slots(int max) {
      this.max = max;
    }

    /** Takes a slot if one is free and nobody waits for one. */
    synchronized boolean tryTake() {
      if (used < max && waiting.isEmpty()) {
        used++;
        return true;
      }
      return false;
    }

    /** Takes a slot for {@code x} now ({@code true}) or queues it for {@link #release} to start. */
    synchronized boolean takeOrQueue(Exchange x) {
      if (tryTake()) {
        return true;
      }
      waiting.add(x);
      return false;
    }

    /** Gives a slot back, or passes it to the next waiting call that is still wanted. */
    void release() {
      Exchange next;
      synchronized (this) {
        do {
          next = waiting.poll();
        } while (next != null && next.future.isDone());
        if (next == null) {
          used--;
          return;
        }
      }
      next.granted();
    }

    synchronized void remove(Exchange x) {
      waiting.remove(x);
    }

    synchronized List<Exchange> drain() {
      List<Exchange> all = new ArrayList<>(waiting);
      waiting.clear();
      return all;
    }

    synchronized int used() {
      return used;
    }

    synchronized int queued() {
      return waiting.size();
    }
  }

  /**
   * Cancels the exchanges made on callers' threads whose thread was interrupted: it looks every
   * {@value #PERIOD_MS} ms while any such exchange is under way, and not at all otherwise.
   */
  private static final class InterruptWatch {
    static final long PERIOD_MS = 50;
    private static final Map<Thread, Call> BLOCKED = new ConcurrentHashMap<>();
    private static final AtomicBoolean ARMED = new AtomicBoolean();

    private InterruptWatch() {}

    static void enter(Call call) {
      BLOCKED.put(Thread.currentThread(), call);
      arm();
    }

    static void exit() {
      BLOCKED.remove(Thread.currentThread());
    }

    private static void arm() {
      if (!BLOCKED.isEmpty() && ARMED.compareAndSet(false, true)) {
        try {
          RETRY_SCHEDULER.schedule(InterruptWatch::look, PERIOD_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          ARMED.set(false);
        }
      }
    }

    private static void look() {
      BLOCKED.forEach((thread, call) -> {
        if (thread.isInterrupted()) {
          call.cancel();
        }
      });
      ARMED.set(false);
      arm(); // again while any exchange is under way
    }
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

  /** One HTTP attempt: the OkHttp call, its reply read plain or as a stream, and its cancellation. */
  private final class Exchange {
    private final Request http;
    /** Where a streamed call's deltas go; {@code null} for a plain call. */
    private final DeltaSink sink;
    private volatile Call current;
    /** Whether this attempt holds one of the {@link Slots}; given back once, when it ends. */
    private final AtomicBoolean holding = new AtomicBoolean();
    private final CompletableFuture<LMResponse> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            slots.remove(Exchange.this);
            releaseSlot();
            Call c = current;
            if (c != null) {
              c.cancel();
            }
            return cancelled;
          }
        };

    Exchange(Request http, DeltaSink sink) {
      this.http = http;
      this.sink = sink;
    }

    CompletableFuture<LMResponse> start(boolean here) {
      if (here && slots.tryTake()) {
        holding.set(true);
        guarded(this::execute);
      } else if (slots.takeOrQueue(this)) {
        granted();
      }
      return future;
    }

    /** This attempt got a slot: it is sent, unless it was cancelled while it waited. */
    void granted() {
      holding.set(true);
      if (future.isDone()) {
        releaseSlot();
        return;
      }
      guarded(this::enqueue);
    }

    private void releaseSlot() {
      if (holding.compareAndSet(true, false)) {
        slots.release();
      }
    }

    /**
     * Runs a step of this attempt on whatever thread drives it (caller, I/O). Nothing may escape it with
     * the future left incomplete: an unexpected failure, an {@link Error} included, fails the attempt; a
     * {@link VirtualMachineError} is rethrown after that, for the thread's handler to report.
     */
    private void guarded(Runnable step) {
      try {
        step.run();
      } catch (Throwable t) {
        failed(t instanceof LMException ? (LMException) t
            : new LMException(model, "unexpected failure in the LM client: " + t, t));
        if (t instanceof VirtualMachineError) {
          throw (VirtualMachineError) t;
        }
      }
    }

    /** The OkHttp call for this attempt, or {@code null} if the attempt ended before it was made. */
    private Call newCall() {
      if (closed) {
        failed(new LMException(model, "the LM is closed; build a new one", null));
        return null;
      }
      Call call = client.newCall(http);
      current = call;
      if (future.isCancelled()) {
        call.cancel();
        return null;
      }
      return call;
    }

    /**
     * Makes the exchange on this thread (its caller waits for it anyway). Interrupting the thread cancels
     * the exchange, as it cancels a call the thread waits for on the I/O threads: OkHttp's {@code execute}
     * does not notice an interrupt, so {@link InterruptWatch} does.
     */
    private void execute() {
      Call call = newCall();
      if (call == null) {
        return;
      }
      Response response;
      InterruptWatch.enter(call);
      try {
        if (Thread.currentThread().isInterrupted()) {
          call.cancel();
        }
        response = call.execute();
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          future.cancel(true); // not a failure to retry: the waiting thread gave up
          return;
        }
        ioFailed(call, e);
        return;
      } finally {
        InterruptWatch.exit();
      }
      received(response);
    }

    /** Hands the exchange to the LM's I/O threads. */
    private void enqueue() {
      Call call = newCall();
      if (call == null) {
        return;
      }
      call.enqueue(
          new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
              ioFailed(c, e);
            }

            @Override
            public void onResponse(Call c, Response response) {
              guarded(() -> received(response));
            }
          });
    }

    private void ioFailed(Call c, IOException e) {
      if (handshakeTimedOut.remove(c)) {
        // Not retried (no I/O cause): the same server will not start speaking TLS.
        LMException tls = new LMException(model, "the TLS handshake with " + shownEndpoint
            + " did not finish within the connect timeout (" + connectTimeout.toMillis() + " ms): the"
            + " server probably speaks plain http; use http:// in the base URL, not https://", null);
        tls.addSuppressed(e);
        failed(tls);
        return;
      }
      failed(new LMException(model, "request to " + shownEndpoint + " failed: " + e, e));
    }

    private void received(Response response) {
      if (sink != null && response.isSuccessful() && isEventStream(response)) {
        new SseRead(this, response).pump();
        return;
      }
      LMResponse parsed;
      try (response) {
        parsed = read(response);
      } catch (LMException e) {
        failed(e);
        return;
      } catch (IOException e) {
        failed(new LMException(model, "reading the reply from " + shownEndpoint + " failed: " + e, e));
        return;
      } catch (Throwable e) {
        // Out of memory included: the reply's buffer is gone with the response, so failing is safe.
        failed(new LMException(model, "unexpected failure reading the reply from " + shownEndpoint + ": " + e, e));
        if (e instanceof VirtualMachineError) {
          throw (VirtualMachineError) e;
        }
        return;
      }
      if (sink != null && !parsed.text().isEmpty()) {
        sink.delta(parsed.text()); // a server that ignored stream: true; the whole text is one delta
      }
      succeeded(parsed);
    }

    /** Ends the attempt: the slot is given back before anyone continues from the future. */
    void succeeded(LMResponse parsed) {
      releaseSlot();
      future.complete(parsed);
    }

    void failed(LMException e) {
      releaseSlot();
      future.completeExceptionally(e);
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
    private final Exchange call;
    private final Response response;
    private final BufferedSource source;
    private final List<StringBuilder> texts = new ArrayList<>(1);
    private final List<String> finishReasons = new ArrayList<>(1);
    private final StringBuilder data = new StringBuilder();
    private boolean dataPending;
    private Usage usage = Usage.NONE;
    private String servedBy;
    /** The completion's id, as every chunk of it repeats it; {@code null} if none said. */
    private String id;
    private long bytes;
    private boolean done;

    SseRead(Exchange call, Response response) {
      this.call = call;
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
        call.failed(e);
      } catch (IOException e) {
        response.close();
        call.failed(new LMStreamException(model, "reading the streamed reply from " + shownEndpoint
            + " failed after " + bytes + " bytes: " + e, text(0), e));
      } catch (RuntimeException e) {
        response.close();
        call.failed(new LMStreamException(model, "unexpected failure reading the streamed reply: " + e,
            text(0), e));
      } catch (Error e) {
        source.getBuffer().clear();
        response.close();
        call.failed(new LMStreamException(model, "unexpected failure reading the streamed reply: " + e,
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
        call.failed(new LMException(model, "the LM was closed while this call was in flight", e));
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
      if (id == null && root.path("id").isString()) {
        id = root.path("id").stringValue();
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
      call.succeeded(new LMResponse(out, usage, servedBy != null ? servedBy : apiModel, CacheTier.NONE, 0, id));
    }

    private String text(int index) {
      return index < texts.size() ? texts.get(index).toString() : "";
    }
  }

  private Request httpRequest(LMRequest request, boolean stream) {
    Map<String, Object> body = request.openAiBody(apiModel, null);
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
    JsonNode id = root.path("id");
    return new LMResponse(out, usage, servedBy.isString() ? servedBy.stringValue() : apiModel, CacheTier.NONE, 0,
        id.isString() ? id.stringValue() : null);
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
}
