package dev.jspy.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * jspy's settings from {@code application.yml} / {@code application.properties}, under {@code jspy}.
 *
 * <pre>{@code
 * jspy:
 *   lm:
 *     model: openai/gpt-4o-mini         # any OpenAI-compatible server: openai/<model> and api-base
 *     api-base: http://127.0.0.1:8089/v1
 *     api-key: ${OPENAI_API_KEY:}
 *     max-tokens: 512
 *   cache:
 *     dir: /var/cache/my-service/jspy
 *   adapter: json
 * }</pre>
 *
 * <p>Checked when the application starts: a wrong or missing value fails the context with a message that
 * names the property. The LM is built only when {@code jspy.lm.model} is set (and no {@code LM} bean of the
 * application's own exists); what is not set keeps the default of {@code LM.builder(model)}, which reads
 * {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL} from the environment.
 */
@ConfigurationProperties(JspyProperties.PREFIX)
public class JspyProperties implements Validator {
  /** The prefix of jspy's properties. */
  public static final String PREFIX = "jspy";

  /** The LM predictors use when they have none of their own. */
  private final Lm lm = new Lm();

  /** The response cache of the LM. */
  private final Cache cache = new Cache();

  /** The prompt format: chat (DSPy's ChatAdapter, the default), json or xml. */
  private AdapterName adapter = AdapterName.CHAT;

  /** Creates the properties with every default. */
  public JspyProperties() {}

  /** @return the LM's settings */
  public Lm getLm() {
    return lm;
  }

  /** @return the cache's settings */
  public Cache getCache() {
    return cache;
  }

  /** @return the prompt format */
  public AdapterName getAdapter() {
    return adapter;
  }

  /** @param adapter the prompt format */
  public void setAdapter(AdapterName adapter) {
    this.adapter = adapter;
  }

  /** The adapters {@code jspy.adapter} names. */
  public enum AdapterName {
    /** {@link dev.jspy.adapters.ChatAdapter}: {@code [[ ## field ## ]]} sections, JSON as a fallback. */
    CHAT,
    /** {@link dev.jspy.adapters.JSONAdapter}: a JSON object, with structured outputs where the LM has them. */
    JSON,
    /** {@link dev.jspy.adapters.XMLAdapter}: {@code <field>} elements, JSON as a fallback. */
    XML
  }

  /** {@code jspy.lm.*}: the OpenAI-compatible LM. */
  public static class Lm {
    /**
     * The model, with its provider prefix: openai/<model> for OpenAI and any OpenAI-compatible server
     * (llama.cpp, vLLM, Ollama, LM Studio). The LM bean is created only when this is set.
     */
    private String model;

    /**
     * The server's OpenAI base URL, e.g. http://127.0.0.1:8089/v1. Default: OPENAI_BASE_URL, else
     * https://api.openai.com/v1.
     */
    private String apiBase;

    /** The API key; default OPENAI_API_KEY. Never logged, never shown by the health endpoint. */
    private String apiKey;

    /** Requests in flight at once; more wait in a queue that holds no thread. Default 64. */
    private Integer maxConcurrency;

    /** Retries of a call that failed on 408, 409, 429, 5xx or a connection problem. Default 3, as DSPy. */
    private Integer numRetries;

    /** The sampling temperature sent with every call; default: the server's. */
    private Double temperature;

    /** The most tokens to generate per call (max_tokens); default: the server's. */
    private Integer maxTokens;

    /** The longest a whole HTTP attempt may take. Default 10 minutes. */
    private Duration timeout;

    /** Creates the settings with every default. */
    public Lm() {}

    /** @return the model, or {@code null} if not set */
    public String getModel() {
      return model;
    }

    /** @param model the model, e.g. {@code openai/gpt-4o-mini} */
    public void setModel(String model) {
      this.model = model;
    }

    /** @return the base URL, or {@code null} for the environment's */
    public String getApiBase() {
      return apiBase;
    }

    /** @param apiBase the server's OpenAI base URL */
    public void setApiBase(String apiBase) {
      this.apiBase = apiBase;
    }

    /** @return the API key, or {@code null} for the environment's */
    public String getApiKey() {
      return apiKey;
    }

    /** @param apiKey the API key */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    /** @return requests in flight at once, or {@code null} for the default */
    public Integer getMaxConcurrency() {
      return maxConcurrency;
    }

    /** @param maxConcurrency requests in flight at once, at least 1 */
    public void setMaxConcurrency(Integer maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
    }

    /** @return retries per call, or {@code null} for the default */
    public Integer getNumRetries() {
      return numRetries;
    }

    /** @param numRetries retries per call, 0 or more */
    public void setNumRetries(Integer numRetries) {
      this.numRetries = numRetries;
    }

    /** @return the temperature, or {@code null} for the server's */
    public Double getTemperature() {
      return temperature;
    }

    /** @param temperature the sampling temperature, 0 or more */
    public void setTemperature(Double temperature) {
      this.temperature = temperature;
    }

    /** @return max_tokens, or {@code null} for the server's */
    public Integer getMaxTokens() {
      return maxTokens;
    }

    /** @param maxTokens the most tokens per call, at least 1 */
    public void setMaxTokens(Integer maxTokens) {
      this.maxTokens = maxTokens;
    }

    /** @return the attempt timeout, or {@code null} for the default */
    public Duration getTimeout() {
      return timeout;
    }

    /** @param timeout the longest a whole attempt may take, positive */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /** The {@code jspy.lm.*} properties set besides the model, by name. */
    private List<String> setProperties() {
      List<String> set = new ArrayList<>();
      if (!isBlank(apiBase)) {
        set.add("jspy.lm.api-base");
      }
      if (!isBlank(apiKey)) {
        set.add("jspy.lm.api-key");
      }
      if (maxConcurrency != null) {
        set.add("jspy.lm.max-concurrency");
      }
      if (numRetries != null) {
        set.add("jspy.lm.num-retries");
      }
      if (temperature != null) {
        set.add("jspy.lm.temperature");
      }
      if (maxTokens != null) {
        set.add("jspy.lm.max-tokens");
      }
      if (timeout != null) {
        set.add("jspy.lm.timeout");
      }
      return set;
    }

    /** Without the key. */
    @Override
    public String toString() {
      return "Lm{model=" + model + ", apiBase=" + shown(apiBase) + ", apiKey=" + (isBlank(apiKey) ? "none" : "***")
          + ", maxConcurrency=" + maxConcurrency + ", numRetries=" + numRetries + ", temperature=" + temperature
          + ", maxTokens=" + maxTokens + ", timeout=" + timeout + "}";
    }
  }

  /** {@code jspy.cache.*}: the LM's response cache. */
  public static class Cache {
    /** Whether the LM caches responses (in memory and on disk), as DSPy does by default. */
    private boolean enabled = true;

    /**
     * The directory of the disk cache (created if missing). Default: JSPY_CACHE_DIR, else ~/.jspy_cache, shared
     * by every LM in the JVM.
     */
    private Path dir;

    /** Creates the settings with every default. */
    public Cache() {}

    /** @return whether the LM caches responses */
    public boolean isEnabled() {
      return enabled;
    }

    /** @param enabled whether the LM caches responses */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** @return the disk cache's directory, or {@code null} for the shared default */
    public Path getDir() {
      return dir;
    }

    /** @param dir the disk cache's directory */
    public void setDir(Path dir) {
      this.dir = dir;
    }
  }

  @Override
  public boolean supports(Class<?> type) {
    return JspyProperties.class.isAssignableFrom(type);
  }

  /**
   * Checks the values together; each error's message names the property ({@code jspy.lm.model}, ...), which
   * Spring Boot shows when the context fails to start.
   */
  @Override
  public void validate(Object target, Errors errors) {
    for (Problem p : ((JspyProperties) target).problems()) {
      // A global error, not a field error: a field error quotes the rejected value, which may hold a credential.
      errors.reject("jspy.invalid", p.property + ": " + p.message);
    }
  }

  private List<Problem> problems() {
    List<Problem> out = new ArrayList<>();
    if (isBlank(lm.model)) {
      List<String> set = lm.setProperties();
      if (!set.isEmpty()) {
        out.add(new Problem("lm.model", "jspy.lm.model",
            "is missing, but " + String.join(", ", set) + (set.size() == 1 ? " is" : " are")
                + " set; name the model, e.g. jspy.lm.model=openai/gpt-4o-mini (openai/<model> for any "
                + "OpenAI-compatible server)"));
      }
    } else if (lm.model.contains("/") && !lm.model.startsWith("openai/")) {
      out.add(new Problem("lm.model", "jspy.lm.model",
          "'" + lm.model + "' names a provider jspy does not speak; jspy speaks the OpenAI chat API, so write "
              + "openai/<model> for any OpenAI-compatible server and set jspy.lm.api-base"));
    }
    if (lm.apiBase != null && !isHttpUrl(lm.apiBase)) {
      out.add(new Problem("lm.apiBase", "jspy.lm.api-base",
          "must be an http(s) URL such as http://127.0.0.1:8089/v1, got '" + shown(lm.apiBase) + "'"));
    }
    if (lm.maxConcurrency != null && lm.maxConcurrency < 1) {
      out.add(new Problem("lm.maxConcurrency", "jspy.lm.max-concurrency",
          "must be at least 1, got " + lm.maxConcurrency));
    }
    if (lm.numRetries != null && lm.numRetries < 0) {
      out.add(new Problem("lm.numRetries", "jspy.lm.num-retries",
          "must be 0 (never retry) or more, got " + lm.numRetries));
    }
    if (lm.temperature != null && (lm.temperature < 0 || lm.temperature.isNaN())) {
      out.add(new Problem("lm.temperature", "jspy.lm.temperature", "must be 0 or more, got " + lm.temperature));
    }
    if (lm.maxTokens != null && lm.maxTokens < 1) {
      out.add(new Problem("lm.maxTokens", "jspy.lm.max-tokens", "must be at least 1, got " + lm.maxTokens));
    }
    if (lm.timeout != null && (lm.timeout.isNegative() || lm.timeout.isZero())) {
      out.add(new Problem("lm.timeout", "jspy.lm.timeout",
          "must be positive (e.g. 30s or 2m), got " + lm.timeout));
    }
    return out;
  }

  private record Problem(String field, String property, String message) {}

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** A URL as messages show it: user info and query may hold a credential, so neither is shown. */
  static String shown(String url) {
    if (url == null) {
      return null;
    }
    String s = url;
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q) + "?***";
    }
    int scheme = s.indexOf("://");
    int at = s.lastIndexOf('@', q >= 0 ? q : s.length() - 1);
    if (at > scheme && scheme >= 0) {
      s = s.substring(0, scheme + 3) + "***" + s.substring(at);
    }
    return s;
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "JspyProperties{lm=" + lm + ", cache.enabled=" + cache.enabled + ", cache.dir=" + cache.dir
        + ", adapter=" + adapter + "}";
  }
}
