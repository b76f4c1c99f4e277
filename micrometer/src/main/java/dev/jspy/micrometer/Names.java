package dev.jspy.micrometer;

import dev.jspy.Module;

/** The low-cardinality names both the meters and the observations tag calls with. */
final class Names {
  /** {@code gen_ai.operation.name} of an LM call: jspy's LMs are chat completions. */
  static final String CHAT = "chat";

  static final String OPERATION = "gen_ai.operation.name";
  static final String PROVIDER = "gen_ai.provider.name";
  static final String REQUEST_MODEL = "gen_ai.request.model";
  static final String TOKEN_TYPE = "gen_ai.token.type";
  static final String TOOL = "gen_ai.tool.name";
  static final String MODULE = "module";
  static final String OUTCOME = "outcome";
  static final String ERROR_TYPE = "error.type";
  static final String CACHE = "cache";
  static final String TIER = "tier";

  static final String NONE = "none";
  static final String SUCCESS = "success";
  static final String ERROR = "error";

  private Names() {}

  /**
   * @param model as {@link dev.jspy.LM#model()} gives it, e.g. {@code openai/gpt-4o-mini}
   * @return the model without its provider prefix, {@code gpt-4o-mini}
   */
  static String model(String model) {
    if (model == null || model.isEmpty()) {
      return "unknown";
    }
    int slash = model.indexOf('/');
    return slash < 0 ? model : model.substring(slash + 1);
  }

  /**
   * @param model as {@link dev.jspy.LM#model()} gives it
   * @return its provider prefix, {@code openai}, or {@code unknown} if it has none
   */
  static String provider(String model) {
    int slash = model == null ? -1 : model.indexOf('/');
    return slash <= 0 ? "unknown" : model.substring(0, slash);
  }

  /**
   * @param module a module
   * @return its class's simple name, or the class name after the package for an anonymous class
   */
  static String module(Module<?, ?> module) {
    return simpleName(module.getClass());
  }

  /**
   * @param error why a call failed
   * @return its class's simple name, e.g. {@code RateLimitException}
   */
  static String errorType(Throwable error) {
    return simpleName(error.getClass());
  }

  private static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
