package dev.jspy.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator health indicator {@code jspy} for the LM configured by {@code jspy.lm.*}: present when Spring
 * Boot's health support is on the classpath (it comes with {@code spring-boot-starter-actuator}) and
 * {@code jspy.lm.model} is set; off with {@code management.health.jspy.enabled=false}. It checks the endpoint
 * each time health is asked for, with a timeout of a few seconds.
 */
@AutoConfiguration(after = JspyAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnProperty(prefix = "jspy.lm", name = "model")
@ConditionalOnEnabledHealthIndicator("jspy")
public class JspyHealthAutoConfiguration {
  /** Used by Spring. */
  public JspyHealthAutoConfiguration() {}

  /**
   * @param properties jspy's properties
   * @return the indicator, named {@code jspy} in the health endpoint
   */
  @Bean
  @ConditionalOnMissingBean(name = "jspyHealthIndicator")
  public HealthIndicator jspyHealthIndicator(JspyProperties properties) {
    JspyProperties.Lm lm = properties.getLm();
    // The same defaults as the LM's builder: the properties, else the environment, else OpenAI.
    String base = firstSet(lm.getApiBase(), System.getenv("OPENAI_BASE_URL"), "https://api.openai.com/v1");
    String key = firstSet(lm.getApiKey(), System.getenv("OPENAI_API_KEY"), null);
    return new JspyHealthIndicator(lm.getModel(), base.trim(), key, JspyHealthIndicator.TIMEOUT);
  }

  private static String firstSet(String a, String b, String otherwise) {
    if (!JspyProperties.isBlank(a)) {
      return a;
    }
    return !JspyProperties.isBlank(b) ? b : otherwise;
  }
}
