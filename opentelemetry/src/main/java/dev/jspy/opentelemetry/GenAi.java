package dev.jspy.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute names this module writes: the OpenTelemetry GenAI semantic conventions as of semconv 1.37
 * (the first with {@code gen_ai.provider.name}, which replaced {@code gen_ai.system}, and content on
 * {@code gen_ai.input.messages}/{@code gen_ai.output.messages}), the stable {@code error.type} and
 * {@code server.*}, and jspy's own {@code jspy.*}. Written out here because no semconv artifact with the
 * incubating GenAI names is served to this build.
 */
final class GenAi {
  private GenAi() {}

  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Double> REQUEST_TOP_K = AttributeKey.doubleKey("gen_ai.request.top_k");
  static final AttributeKey<Double> REQUEST_FREQUENCY_PENALTY =
      AttributeKey.doubleKey("gen_ai.request.frequency_penalty");
  static final AttributeKey<Double> REQUEST_PRESENCE_PENALTY =
      AttributeKey.doubleKey("gen_ai.request.presence_penalty");
  static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
      AttributeKey.stringArrayKey("gen_ai.request.stop_sequences");
  static final AttributeKey<Long> REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");
  static final AttributeKey<Long> REQUEST_CHOICE_COUNT = AttributeKey.longKey("gen_ai.request.choice.count");
  static final AttributeKey<String> OUTPUT_TYPE = AttributeKey.stringKey("gen_ai.output.type");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  /** Opt-in content: the messages sent, as the convention's JSON (a string, as spans take no structure). */
  static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  /** Opt-in content: one message per choice, as the convention's JSON. */
  static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

  static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("gen_ai.tool.description");
  static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
  static final AttributeKey<String> TOOL_CALL_ARGUMENTS = AttributeKey.stringKey("gen_ai.tool.call.arguments");
  static final AttributeKey<String> TOOL_CALL_RESULT = AttributeKey.stringKey("gen_ai.tool.call.result");

  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  /** The LM server's host, from its base URL (never its user info). */
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_STATUS_CODE = AttributeKey.longKey("http.response.status_code");

  static final String CHAT = "chat";
  static final String EXECUTE_TOOL = "execute_tool";

  /** jspy's own: the module's class, as written. */
  static final AttributeKey<String> JSPY_MODULE_CLASS = AttributeKey.stringKey("jspy.module.class");
  /** jspy's own: {@code predict}, {@code chain_of_thought}, {@code react} or {@code module}. */
  static final AttributeKey<String> JSPY_MODULE_KIND = AttributeKey.stringKey("jspy.module.kind");
  /** jspy's own: the signature a predictor, ChainOfThought or ReAct runs. */
  static final AttributeKey<String> JSPY_SIGNATURE = AttributeKey.stringKey("jspy.signature");
  /** jspy's own, opt-in content: the module's input, as its {@code toString}. */
  static final AttributeKey<String> JSPY_MODULE_INPUT = AttributeKey.stringKey("jspy.module.input");
  /** jspy's own, opt-in content: the module's output, as its {@code toString}. */
  static final AttributeKey<String> JSPY_MODULE_OUTPUT = AttributeKey.stringKey("jspy.module.output");
  /** jspy's own: how many examples an evaluation runs. */
  static final AttributeKey<Long> JSPY_EVALUATE_EXAMPLE_COUNT = AttributeKey.longKey("jspy.evaluate.example.count");
  /** jspy's own: an evaluation's score, a percentage as {@code EvaluationResult.score()}. */
  static final AttributeKey<Double> JSPY_EVALUATE_SCORE = AttributeKey.doubleKey("jspy.evaluate.score");
  /** jspy's own: how many inputs a batch runs. */
  static final AttributeKey<Long> JSPY_BATCH_INPUT_COUNT = AttributeKey.longKey("jspy.batch.input.count");
  /** jspy's own: whether the LM's response came from jspy's cache rather than the server. */
  static final AttributeKey<Boolean> JSPY_CACHE_HIT = AttributeKey.booleanKey("jspy.lm.cache_hit");
}
