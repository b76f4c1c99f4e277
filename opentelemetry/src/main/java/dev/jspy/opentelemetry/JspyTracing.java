package dev.jspy.opentelemetry;

import dev.jspy.Callback;
import dev.jspy.ChainOfThought;
import dev.jspy.Example;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.ReAct;
import dev.jspy.Tool;
import dev.jspy.evaluate.EvaluationResult;
import dev.jspy.lm.LM;
import dev.jspy.lm.LMHttpException;
import dev.jspy.lm.LMRequest;
import dev.jspy.lm.LMResponse;
import dev.jspy.lm.Message;
import dev.jspy.lm.OpenAiLM;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.SignatureSpec;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Traces jspy programs with OpenTelemetry: a {@link Callback} that turns every module call (your own
 * modules, {@code ChainOfThought}, {@code ReAct}), predictor call, LM call, tool call, evaluation and batch
 * into a span, nested as the program runs, across async continuations and threads.
 *
 * <pre>{@code
 * OpenTelemetry otel = ...;                              // your SDK, or GlobalOpenTelemetry.get()
 * Jspy.configure(s -> s.callbacks(List.of(JspyTracing.create(otel))));
 * // or, with prompts and completions on the spans (they may hold personal data):
 * Jspy.configure(s -> s.callbacks(List.of(JspyTracing.builder(otel).captureContent(true).build())));
 * }</pre>
 *
 * <p><b>Spans.</b> A module or predictor call is an {@code INTERNAL} span named after the module's class
 * ({@code QaChainOfThought}, {@code Predict}), with {@code jspy.module.class}, {@code jspy.module.kind}
 * ({@code predict}, {@code chain_of_thought}, {@code react} or {@code module}) and, for jspy's own modules,
 * {@code jspy.signature}. An LM call is a {@code CLIENT} span named {@code chat {model}} following the
 * OpenTelemetry GenAI semantic conventions (semconv 1.37 and later, so {@code gen_ai.provider.name} rather
 * than the older {@code gen_ai.system}): {@code gen_ai.operation.name=chat}, {@code gen_ai.provider.name}
 * (the model's prefix, {@code openai} for every OpenAI-compatible server), {@code gen_ai.request.model}
 * (without the prefix), the request parameters that were set ({@code gen_ai.request.temperature},
 * {@code max_tokens}, {@code top_p}, {@code top_k}, {@code frequency_penalty}, {@code presence_penalty},
 * {@code stop_sequences}, {@code seed}, {@code choice.count}), {@code gen_ai.output.type=json} when a
 * {@code response_format} was sent, {@code server.address} and {@code server.port} (the host and port of
 * an {@link OpenAiLM}'s base URL; never its user info), {@code gen_ai.response.id} (the completion's
 * {@code id}, when the server sent one), {@code gen_ai.response.model},
 * {@code gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens} and {@code output_tokens} (when
 * the server reported usage) and {@code jspy.lm.cache_hit}. A tool call is an {@code INTERNAL} span named {@code execute_tool {name}} with
 * {@code gen_ai.operation.name=execute_tool}, {@code gen_ai.tool.name}, {@code gen_ai.tool.description} and
 * {@code gen_ai.tool.type=function}. An evaluation ({@code Evaluate.run}/{@code arun}) is an
 * {@code INTERNAL} span named {@code evaluate {ProgramClass}} with {@code jspy.module.class},
 * {@code jspy.evaluate.example.count} and, once scored, {@code jspy.evaluate.score} (the percentage); a
 * batch ({@code Module.batch}/{@code abatch}) is an {@code INTERNAL} span named {@code batch {ModuleClass}}
 * with {@code jspy.module.class} and {@code jspy.batch.input.count}. Every example's or input's spans are
 * its children, so a whole evaluation is one trace.
 *
 * <p><b>Nesting.</b> Spans nest by jspy's own call ids, not by OpenTelemetry's thread-local context, so an
 * {@code aforward} chain whose continuations run on other threads still forms one tree. The top-level call
 * of a program (or evaluation, or batch) takes as its parent the context current on the thread that starts
 * it ({@link Context#current()}): a span you opened around the call is the parent of jspy's. jspy's spans are
 * not made current themselves (a callback cannot bracket the code it observes).
 *
 * <p><b>Failures.</b> A failed call's span has status {@code ERROR} and {@code error.type} (the exception's
 * class name; LM HTTP failures add {@code http.response.status_code}). The exception's message, and the
 * exception itself as a span event, are recorded only with {@link Builder#captureContent(boolean)}, since
 * messages may quote prompts and replies (an {@code AdapterParseException} carries the LM's raw reply).
 *
 * <p><b>Content.</b> Off by default. With {@code captureContent(true)}, LM spans carry
 * {@code gen_ai.input.messages} and {@code gen_ai.output.messages} (the conventions' JSON, as strings), tool
 * spans {@code gen_ai.tool.call.arguments} and {@code gen_ai.tool.call.result}, module spans
 * {@code jspy.module.input} and {@code jspy.module.output}. Long values are cut by the SDK's attribute
 * length limit if you set one. The LM's API key is never read, so it never reaches a span.
 *
 * <p><b>Cost.</b> Starting and ending a span is all a call pays; exporting is the SDK's business. Use a
 * {@code BatchSpanProcessor} (the SDK's default with autoconfiguration): an exporter that is down or slow
 * then never slows a call. A failure inside tracing is logged (the first with its stack trace, then at most
 * once a minute) and never reaches the call.
 *
 * <p>Thread-safe; one instance serves every call and may be shared between settings.
 */
public final class JspyTracing implements Callback {
  /** The instrumentation scope name of jspy's spans. */
  public static final String INSTRUMENTATION_NAME = "dev.jspy";

  private final Tracer tracer;
  private final boolean captureContent;
  private final FailureLog failures;
  /** Each open call by call id: how children find their parent, and ends their span. */
  private final Map<Long, Open> open = new ConcurrentHashMap<>();

  private JspyTracing(Builder b) {
    String version = JspyTracing.class.getPackage().getImplementationVersion();
    this.tracer =
        version == null
            ? b.openTelemetry.getTracer(INSTRUMENTATION_NAME)
            : b.openTelemetry.getTracer(INSTRUMENTATION_NAME, version);
    this.captureContent = b.captureContent;
    this.failures = b.failures;
  }

  /**
   * Tracing with the defaults: content not captured.
   *
   * @param openTelemetry where spans go, e.g. your {@code OpenTelemetrySdk} or {@code GlobalOpenTelemetry.get()}
   * @return the callback to register with {@code Jspy.configure(s -> s.callbacks(...))}
   */
  public static JspyTracing create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /**
   * @param openTelemetry where spans go
   * @return a builder to choose what the spans carry
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /** @return whether prompts, completions, tool arguments and results go on the spans */
  public boolean capturesContent() {
    return captureContent;
  }

  @Override
  public void onModuleStart(long callId, long parentCallId, Module<?, ?> module, Object input) {
    try {
      SpanBuilder b =
          tracer
              .spanBuilder(spanName(module.getClass()))
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(GenAi.JSPY_MODULE_CLASS, module.getClass().getName())
              .setAttribute(GenAi.JSPY_MODULE_KIND, kind(module));
      SignatureSpec<?, ?> signature = signature(module);
      if (signature != null) {
        b.setAttribute(GenAi.JSPY_SIGNATURE, signature.name());
      }
      if (captureContent && input != null) {
        b.setAttribute(GenAi.JSPY_MODULE_INPUT, render(input, signature == null ? null : signature.inputs()));
      }
      start(callId, parentCallId, b, signature);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onModuleStart", e);
    }
  }

  @Override
  public void onModuleEnd(long callId, Object output, Throwable error) {
    try {
      Open call = open.remove(callId);
      if (call == null) {
        return;
      }
      Span span = Span.fromContext(call.context);
      if (captureContent && output != null) {
        span.setAttribute(
            GenAi.JSPY_MODULE_OUTPUT, render(output, call.signature == null ? null : call.signature.outputs()));
      }
      finish(span, error);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onModuleEnd", e);
    }
  }

  @Override
  public void onLmStart(long callId, long parentCallId, LM lm, LMRequest request) {
    try {
      String model = lm.model();
      int slash = model.indexOf('/');
      String provider = slash > 0 ? model.substring(0, slash) : "_OTHER";
      String requestModel = slash > 0 ? model.substring(slash + 1) : model;
      SpanBuilder b =
          tracer
              .spanBuilder(GenAi.CHAT + " " + requestModel)
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
              .setAttribute(GenAi.PROVIDER_NAME, provider)
              .setAttribute(GenAi.REQUEST_MODEL, requestModel);
      if (lm instanceof OpenAiLM) {
        OpenAiLM openAi = (OpenAiLM) lm;
        if (openAi.serverAddress() != null) {
          b.setAttribute(GenAi.SERVER_ADDRESS, openAi.serverAddress());
          b.setAttribute(GenAi.SERVER_PORT, (long) openAi.serverPort());
        }
      }
      requestParameters(b, lm.defaults(), request.params());
      if (captureContent) {
        b.setAttribute(GenAi.INPUT_MESSAGES, inputMessages(request.messages()));
      }
      start(callId, parentCallId, b, null);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onLmStart", e);
    }
  }

  @Override
  public void onLmEnd(long callId, LMResponse response, Throwable error) {
    try {
      Span span = end(callId);
      if (span == null) {
        return;
      }
      if (response != null) {
        if (response.model() != null) {
          span.setAttribute(GenAi.RESPONSE_MODEL, response.model());
        }
        if (response.id() != null) {
          span.setAttribute(GenAi.RESPONSE_ID, response.id());
        }
        List<String> reasons = new ArrayList<>(response.choices().size());
        for (LMResponse.Choice c : response.choices()) {
          if (c.finishReason() != null) {
            reasons.add(c.finishReason());
          }
        }
        if (!reasons.isEmpty()) {
          span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, reasons);
        }
        var usage = response.usage();
        if (usage != null && (usage.promptTokens() > 0 || usage.completionTokens() > 0)) {
          span.setAttribute(GenAi.USAGE_INPUT_TOKENS, usage.promptTokens());
          span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.completionTokens());
        }
        span.setAttribute(GenAi.JSPY_CACHE_HIT, response.cacheHit());
        if (captureContent) {
          span.setAttribute(GenAi.OUTPUT_MESSAGES, outputMessages(response.choices()));
        }
      }
      Throwable cause = unwrap(error);
      if (cause instanceof LMHttpException) {
        span.setAttribute(GenAi.HTTP_STATUS_CODE, (long) ((LMHttpException) cause).status());
      }
      finish(span, cause);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onLmEnd", e);
    }
  }

  @Override
  public void onEvaluateStart(long callId, long parentCallId, Module<?, ?> program, List<Example> devset) {
    try {
      SpanBuilder b =
          tracer
              .spanBuilder("evaluate " + spanName(program.getClass()))
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(GenAi.JSPY_MODULE_CLASS, program.getClass().getName())
              .setAttribute(GenAi.JSPY_EVALUATE_EXAMPLE_COUNT, (long) devset.size());
      start(callId, parentCallId, b, null);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onEvaluateStart", e);
    }
  }

  @Override
  public void onEvaluateEnd(long callId, Object result, Throwable error) {
    try {
      Span span = end(callId);
      if (span == null) {
        return;
      }
      if (result instanceof EvaluationResult) {
        span.setAttribute(GenAi.JSPY_EVALUATE_SCORE, ((EvaluationResult<?>) result).score());
      }
      finish(span, error);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onEvaluateEnd", e);
    }
  }

  @Override
  public void onBatchStart(long callId, long parentCallId, Module<?, ?> module, List<?> inputs) {
    try {
      SpanBuilder b =
          tracer
              .spanBuilder("batch " + spanName(module.getClass()))
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(GenAi.JSPY_MODULE_CLASS, module.getClass().getName())
              .setAttribute(GenAi.JSPY_BATCH_INPUT_COUNT, (long) inputs.size());
      start(callId, parentCallId, b, null);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onBatchStart", e);
    }
  }

  @Override
  public void onBatchEnd(long callId, List<?> outputs, Throwable error) {
    try {
      Span span = end(callId);
      if (span != null) {
        finish(span, error);
      }
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onBatchEnd", e);
    }
  }

  @Override
  public void onToolStart(long callId, long parentCallId, Tool tool, Map<String, Object> args) {
    try {
      SpanBuilder b =
          tracer
              .spanBuilder(GenAi.EXECUTE_TOOL + " " + tool.name())
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
              .setAttribute(GenAi.TOOL_NAME, tool.name())
              .setAttribute(GenAi.TOOL_TYPE, "function");
      if (tool.desc() != null && !tool.desc().isEmpty()) {
        b.setAttribute(GenAi.TOOL_DESCRIPTION, tool.desc());
      }
      if (captureContent && args != null) {
        b.setAttribute(GenAi.TOOL_CALL_ARGUMENTS, Json.write(args));
      }
      start(callId, parentCallId, b, null);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onToolStart", e);
    }
  }

  @Override
  public void onToolEnd(long callId, Object result, Throwable error) {
    try {
      Span span = end(callId);
      if (span == null) {
        return;
      }
      if (captureContent && error == null) {
        span.setAttribute(GenAi.TOOL_CALL_RESULT, Json.write(result));
      }
      finish(span, error);
    } catch (RuntimeException | LinkageError e) {
      failures.failed("onToolEnd", e);
    }
  }

  private void start(long callId, long parentCallId, SpanBuilder b, SignatureSpec<?, ?> signature) {
    if (open.containsKey(callId)) {
      return; // this instance is registered twice: one span per call is enough
    }
    Open parentCall = parentCallId == 0 ? null : open.get(parentCallId);
    // A top-level call, or one whose parent is not traced here: the caller's own context is the parent.
    Context parent = parentCall == null ? Context.current() : parentCall.context;
    Span span = b.setParent(parent).startSpan();
    open.put(callId, new Open(parent.with(span), signature));
  }

  private Span end(long callId) {
    Open call = open.remove(callId);
    return call == null ? null : Span.fromContext(call.context);
  }

  /** An open call: its context (the parent's, with the call's span) and, for jspy's modules, the signature. */
  private static final class Open {
    final Context context;
    final SignatureSpec<?, ?> signature;

    Open(Context context, SignatureSpec<?, ?> signature) {
      this.context = context;
      this.signature = signature;
    }
  }

  /**
   * A module's input or output as text: the values jspy's own modules pass as arrays become a JSON object
   * by field name; anything else is its {@code toString} (generated records read like DSPy's).
   */
  private static String render(Object value, List<FieldSpec> fields) {
    if (value instanceof Object[]) {
      Object[] values = (Object[]) value;
      if (fields != null && fields.size() == values.length) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
          named.put(fields.get(i).name(), values[i]);
        }
        return Json.write(named);
      }
      return Json.write(values);
    }
    return String.valueOf(value);
  }

  private void finish(Span span, Throwable error) {
    try {
      Throwable cause = unwrap(error);
      if (cause != null) {
        span.setAttribute(GenAi.ERROR_TYPE, cause.getClass().getName());
        if (captureContent) {
          String message = cause.getMessage();
          span.setStatus(StatusCode.ERROR, message == null ? cause.getClass().getName() : message);
          span.recordException(cause);
        } else {
          span.setStatus(StatusCode.ERROR, cause.getClass().getName());
        }
      }
    } finally {
      span.end();
    }
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** The module's class as a user would name it: generated and user classes by their simple name. */
  static String spanName(Class<?> type) {
    String name = type.getSimpleName();
    if (!name.isEmpty()) {
      return name;
    }
    String full = type.getName(); // anonymous or lambda-like: strip the package, keep Outer$1
    return full.substring(full.lastIndexOf('.') + 1);
  }

  private static String kind(Module<?, ?> module) {
    if (module instanceof Predict) {
      return "predict";
    }
    if (module instanceof ChainOfThought) {
      return "chain_of_thought";
    }
    if (module instanceof ReAct) {
      return "react";
    }
    return "module";
  }

  private static SignatureSpec<?, ?> signature(Module<?, ?> module) {
    if (module instanceof Predict) {
      return ((Predict<?, ?>) module).signature();
    }
    if (module instanceof ChainOfThought) {
      return ((ChainOfThought<?, ?>) module).signature();
    }
    return null;
  }

  /** The request parameters the LM is sent: its defaults overridden by the request's, as on the wire. */
  private static void requestParameters(SpanBuilder b, Map<String, Object> defaults, Map<String, Object> params) {
    Map<String, Object> sent = new LinkedHashMap<>(defaults == null ? Map.of() : defaults);
    params.forEach(
        (k, v) -> {
          if (v == null) {
            sent.remove(k);
          } else {
            sent.put(k, v);
          }
        });
    doubleParam(b, sent.get("temperature"), GenAi.REQUEST_TEMPERATURE);
    doubleParam(b, sent.get("top_p"), GenAi.REQUEST_TOP_P);
    doubleParam(b, sent.get("top_k"), GenAi.REQUEST_TOP_K);
    doubleParam(b, sent.get("frequency_penalty"), GenAi.REQUEST_FREQUENCY_PENALTY);
    doubleParam(b, sent.get("presence_penalty"), GenAi.REQUEST_PRESENCE_PENALTY);
    Object maxTokens = sent.containsKey("max_tokens") ? sent.get("max_tokens") : sent.get("max_completion_tokens");
    longParam(b, maxTokens, GenAi.REQUEST_MAX_TOKENS);
    longParam(b, sent.get("seed"), GenAi.REQUEST_SEED);
    Long n = asLong(sent.get("n"));
    if (n != null && n != 1) {
      b.setAttribute(GenAi.REQUEST_CHOICE_COUNT, n);
    }
    Object stop = sent.get("stop");
    if (stop != null) {
      List<String> stops = new ArrayList<>();
      if (stop instanceof Iterable) {
        for (Object s : (Iterable<?>) stop) {
          stops.add(text(s));
        }
      } else {
        stops.add(text(stop));
      }
      b.setAttribute(GenAi.REQUEST_STOP_SEQUENCES, stops);
    }
    if (sent.get("response_format") != null) {
      b.setAttribute(GenAi.OUTPUT_TYPE, "json");
    }
  }

  private static void doubleParam(SpanBuilder b, Object value, AttributeKey<Double> key) {
    Double d = asDouble(value);
    if (d != null) {
      b.setAttribute(key, d);
    }
  }

  private static void longParam(SpanBuilder b, Object value, AttributeKey<Long> key) {
    Long l = asLong(value);
    if (l != null) {
      b.setAttribute(key, l);
    }
  }

  // Parameters are JSON values: boxed numbers from the builders, or a JSON library's nodes, whose text is
  // the number.
  private static Double asDouble(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value == null) {
      return null;
    }
    try {
      return Double.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long asLong(Object value) {
    if (value instanceof Number) {
      return ((Number) value).longValue();
    }
    Double d = asDouble(value);
    return d == null ? null : d.longValue();
  }

  private static String text(Object value) {
    if (value instanceof CharSequence) {
      return value.toString();
    }
    String s = String.valueOf(value);
    // A JSON string node prints with its quotes.
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  /** The GenAI input messages JSON: {@code [{"role": ..., "parts": [{"type": "text", "content": ...}]}]}. */
  private static String inputMessages(List<Message> messages) {
    StringBuilder sb = new StringBuilder().append('[');
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Message m = messages.get(i);
      sb.append("{\"role\":");
      Json.string(sb, m.role());
      sb.append(",\"parts\":[{\"type\":\"text\",\"content\":");
      Json.string(sb, m.content());
      sb.append("}]}");
    }
    return sb.append(']').toString();
  }

  /** The GenAI output messages JSON: one assistant message per choice, with its finish reason. */
  private static String outputMessages(List<LMResponse.Choice> choices) {
    StringBuilder sb = new StringBuilder().append('[');
    for (int i = 0; i < choices.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      LMResponse.Choice c = choices.get(i);
      sb.append("{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":");
      Json.string(sb, c.text() == null ? "" : c.text());
      sb.append("}],\"finish_reason\":");
      Json.string(sb, c.finishReason() == null ? "" : c.finishReason());
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  /** Chooses what the spans carry. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean captureContent;
    private FailureLog failures = new FailureLog();

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /**
     * Whether spans carry content: the messages sent to the LM and its completions, tool arguments and
     * results, module inputs and outputs, and error messages. Off by default: content may hold personal
     * data and is often large.
     *
     * @param on {@code true} to record content
     * @return this builder
     */
    public Builder captureContent(boolean on) {
      this.captureContent = on;
      return this;
    }

    Builder failureLog(FailureLog log) {
      this.failures = Objects.requireNonNull(log);
      return this;
    }

    /** @return the tracing callback */
    public JspyTracing build() {
      return new JspyTracing(this);
    }
  }
}
