package dev.jspy.spring.boot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the LM's server answers: {@code GET {api-base}/models}, which OpenAI and the OpenAI-compatible
 * servers (llama.cpp, vLLM, Ollama, LM Studio) serve cheaply, with the API key if there is one. Up on a 2xx;
 * down on any other status (a 401 says the key was refused), a connection failure or no answer within the
 * timeout. The details name the model and the endpoint (user info and query hidden); the key appears in
 * neither details nor logs.
 */
final class JspyHealthIndicator implements HealthIndicator {
  /** How long a check waits for the server, connecting and answering together: a probe must be quick. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final String model;
  private final URI models;
  private final String apiKey;
  private final HttpClient client;
  private final Duration timeout;

  JspyHealthIndicator(String model, String apiBase, String apiKey, Duration timeout) {
    this.model = model;
    String base = apiBase.endsWith("/") ? apiBase : apiBase + "/";
    this.models = URI.create(base).resolve("models");
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.timeout = timeout;
    // No redirects: the key must go to the configured server only.
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public Health health() {
    Health.Builder health = new Health.Builder().withDetail("model", model)
        .withDetail("endpoint", JspyProperties.shown(models.toString()));
    HttpRequest.Builder request = HttpRequest.newBuilder(models).timeout(timeout).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      health.withDetail("status", status);
      if (status >= 200 && status < 300) {
        return health.up().build();
      }
      if (status == 401 || status == 403) {
        health.withDetail("error", "the server refused the API key (HTTP " + status + "); check jspy.lm.api-key");
      } else {
        health.withDetail("error", "HTTP " + status + " from GET " + JspyProperties.shown(models.toString()));
      }
      return health.down().build();
    } catch (IOException e) {
      return health.down().withDetail("error", describe(e)).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return health.down().withDetail("error", "interrupted while waiting for the server").build();
    }
  }

  /** The failure without its stack (and never the key, which no I/O message carries, but be sure). */
  private String describe(IOException e) {
    String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof java.net.http.HttpTimeoutException) {
      text = "no answer within " + timeout.toMillis() + " ms (" + text + ")";
    } else if (e instanceof java.net.ConnectException) {
      text = "cannot connect (" + text + ")";
    }
    return apiKey == null ? text : text.replace(apiKey, "***");
  }

  @Override
  public String toString() {
    return "JspyHealthIndicator{model=" + model + ", endpoint=" + JspyProperties.shown(models.toString()) + "}";
  }
}
