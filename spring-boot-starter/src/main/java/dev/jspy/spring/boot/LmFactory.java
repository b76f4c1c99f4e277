package dev.jspy.spring.boot;

import dev.jspy.cache.LMCache;
import dev.jspy.core.ConfigurationException;
import dev.jspy.lm.OpenAiLM;

/** Builds the LM from {@code jspy.lm.*} and {@code jspy.cache.*}; what is not set keeps the builder's default. */
final class LmFactory {
  private LmFactory() {}

  static OpenAiLM create(JspyProperties properties, LMCache cache) {
    JspyProperties.Lm p = properties.getLm();
    OpenAiLM.Builder b;
    try {
      b = OpenAiLM.builder(p.getModel().trim());
    } catch (ConfigurationException e) {
      throw new ConfigurationException("jspy.lm.model: " + e.getMessage());
    }
    if (!JspyProperties.isBlank(p.getApiBase())) {
      b.apiBase(p.getApiBase().trim());
    }
    if (!JspyProperties.isBlank(p.getApiKey())) {
      b.apiKey(p.getApiKey().trim());
    }
    if (p.getMaxConcurrency() != null) {
      b.maxConcurrency(p.getMaxConcurrency());
    }
    if (p.getNumRetries() != null) {
      b.numRetries(p.getNumRetries());
    }
    if (p.getTemperature() != null) {
      b.temperature(p.getTemperature());
    }
    if (p.getMaxTokens() != null) {
      b.maxTokens(p.getMaxTokens());
    }
    if (p.getTimeout() != null) {
      b.timeout(p.getTimeout());
    }
    if (!properties.getCache().isEnabled()) {
      b.cache(false);
    } else if (cache != null) {
      b.cache(cache);
    }
    try {
      return b.build();
    } catch (ConfigurationException e) {
      // The builder speaks of OPENAI_API_KEY and LM.builder(...); say which properties set the same.
      throw new ConfigurationException(
          "jspy.lm: " + e.getMessage() + " (in application properties: jspy.lm.api-key, or jspy.lm.api-base "
              + "for a server that needs no key)");
    }
  }
}
