package dev.jspy.lm;

import dev.jspy.internal.Futures;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A language model: takes chat messages, gives completions. The transport seam of jspy, as DSPy's
 * {@code dspy.LM}. {@link #builder} builds one as a chain of {@link Interceptor}s ending in a
 * {@link Transport}: the OpenAI wire format by default, or a transport of your own
 * ({@link #builder(String, Transport)}); either way every call, a direct {@link #call} included, is
 * observed (callbacks, history, usage), cached and retried.
 *
 * <p>Implementations are thread-safe and shared: build one per model and endpoint, pass it to
 * {@link dev.jspy.Jspy#configure} or to a predictor, and {@link #close()} it when the application stops.
 *
 * <pre>{@code
 * LM lm = LM.of("openai/gpt-4o-mini");                  // OPENAI_API_KEY, OPENAI_BASE_URL
 * LM local = LM.builder("openai/llama").apiBase("http://127.0.0.1:8080/v1").maxTokens(512).build();
 * }</pre>
 */
public interface LM extends AutoCloseable {

  /** @return the model as given, with its provider prefix, e.g. {@code openai/gpt-4o-mini} */
  String model();

  /**
   * @return request parameters this LM sends unless a call overrides them (OpenAI names), e.g.
   *     {@code max_tokens}
   */
  default Map<String, Object> defaults() {
    return Map.of();
  }

  /**
   * What {@code response_format} an LM takes, as DSPy reads it from litellm's {@code supported_params} and
   * {@code supports_response_schema}. The {@link dev.jspy.adapters.JSONAdapter} sends no more than this.
   */
  enum ResponseFormatSupport {
    /** The server rejects or ignores {@code response_format}: none is sent. */
    NONE,
    /** Only {@code {"type": "json_object"}}. */
    JSON_OBJECT,
    /** Structured outputs: a strict JSON schema ({@code {"type": "json_schema", ...}}), and json_object. */
    JSON_SCHEMA
  }

  /**
   * @return what {@code response_format} this LM takes; structured outputs unless the LM says otherwise
   */
  default ResponseFormatSupport responseFormatSupport() {
    return ResponseFormatSupport.JSON_SCHEMA;
  }

  /**
   * Sends a request without blocking. Cancelling the returned future cancels the HTTP call.
   *
   * @param request the messages and parameter overrides
   * @return the response; completes exceptionally with an {@link LMException}
   */
  CompletableFuture<LMResponse> acall(LMRequest request);

  /**
   * Sends a request and streams the reply: {@code sink} gets the first choice's content as it arrives, and
   * the returned future completes with the whole response, exactly as {@link #acall} would give it (for
   * parsing, history and the cache). A reply served from the cache sends no deltas. Retries happen only
   * before the first delta; cancelling the future cancels the HTTP call. LMs that cannot stream answer as
   * {@link #acall} does, sending no deltas (the default).
   *
   * @param request the messages and parameter overrides
   * @param sink receives the deltas and paces the reading
   * @return the complete response; completes exceptionally with an {@link LMException}
   */
  default CompletableFuture<LMResponse> astream(LMRequest request, DeltaSink sink) {
    return acall(request);
  }

  /**
   * Sends a request with options of its own: who observes it, where its deltas go, how the cache treats it.
   * What jspy's predictors call. An LM built by {@link #builder} runs its whole chain (see
   * {@link Interceptor}); for any other implementation this default observes the call (callbacks, history,
   * usage) around {@link #acall(LMRequest)}, or around {@link #astream} when the options carry a sink.
   *
   * @param request the messages and parameter overrides
   * @param options the call's options, e.g. {@link CallOptions#ambient()}
   * @return the response; completes exceptionally with an {@link LMException}
   */
  default CompletableFuture<LMResponse> acall(LMRequest request, CallOptions options) {
    return Observation.observe(this, request, options, (r, o) -> {
      try {
        CompletableFuture<LMResponse> f = o.sink() == null ? acall(r) : astream(r, o.sink());
        return f != null ? f : CompletableFuture.failedFuture(new LMException(model(), "acall returned null", null));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    });
  }

  /**
   * Sends a request and waits for the response, observed with {@link CallOptions#ambient()}: the callbacks,
   * history and usage tracker of the settings in force, as DSPy's {@code lm(...)}.
   *
   * @param request the messages and parameter overrides
   * @return the response
   * @throws LMException if the call fails
   */
  default LMResponse call(LMRequest request) {
    return Futures.join(acall(request, CallOptions.ambient().withCallerWaiting()));
  }

  /** Releases connections and threads. Calls in flight fail; the LM must not be used afterwards. */
  @Override
  void close();

  /**
   * An OpenAI-compatible LM configured from the environment: {@code OPENAI_API_KEY} and, if set,
   * {@code OPENAI_BASE_URL} (default {@code https://api.openai.com/v1}).
   *
   * @param model {@code openai/<model>}; the {@code openai/} prefix covers every OpenAI-compatible server
   * @return the LM
   * @throws dev.jspy.core.ConfigurationException if neither {@code OPENAI_API_KEY} nor {@code OPENAI_BASE_URL} is set (the
   *     hosted API needs a key; a local server needs its URL), or the base URL is not an http(s) URL
   */
  static LM of(String model) {
    return OpenAiLM.builder(model).build();
  }

  /**
   * @param model {@code openai/<model>}
   * @return a builder for an OpenAI-compatible LM, preset from the environment like {@link #of}
   */
  static OpenAiLM.Builder builder(String model) {
    return OpenAiLM.builder(model);
  }

  /**
   * An LM of your own: {@code transport} sends each attempt, and the LM gives it jspy's whole chain
   * (interceptors, callbacks, history, usage, the cache, retries). The builder's OpenAI settings (base URL,
   * key, timeouts, client) do not apply; its parameters, cache, retry and interceptor settings do.
   *
   * @param model the model's name, in any form (it names the LM in messages, history and cache keys)
   * @param transport the last link of the chain
   * @return a builder, not preset from the environment
   */
  static OpenAiLM.Builder builder(String model, Transport transport) {
    return OpenAiLM.Builder.forTransport(model, transport);
  }
}
