package dev.jspy.lm;

import java.util.List;
import java.util.Objects;

/**
 * An LM's answer: one choice per completion asked for ({@code n}), the usage, the model that served, where
 * it came from (the server or a cache tier), how many retries it took and the server's id for the
 * completion.
 *
 * @param choices the completions, at least one
 * @param usage token counts
 * @param model the model the server says answered
 * @param cacheTier where the response came from; {@link CacheTier#NONE} when the server answered this call
 * @param retries how many failed attempts came before the one that answered (0 for a cache hit)
 * @param id the completion's {@code id} as the server sent it ({@code chatcmpl-…}), kept by the cache;
 *     {@code null} when the server sent none, for a streamed reply and for an entry cached before jspy kept
 *     ids
 */
public record LMResponse(
    List<Choice> choices, Usage usage, String model, CacheTier cacheTier, int retries, String id) {
  /** Copies the components. */
  public LMResponse {
    choices = List.copyOf(choices);
    Objects.requireNonNull(cacheTier, "cacheTier");
  }

  /**
   * A response without an id.
   *
   * @param choices the completions
   * @param usage token counts
   * @param model the model that answered
   * @param cacheTier where it came from
   * @param retries failed attempts before the one that answered
   */
  public LMResponse(List<Choice> choices, Usage usage, String model, CacheTier cacheTier, int retries) {
    this(choices, usage, model, cacheTier, retries, null);
  }

  /**
   * A response fresh from the server, or marked as a cache hit of an unknown tier.
   *
   * @param choices the completions
   * @param usage token counts
   * @param model the model that answered
   * @param cacheHit whether it came from the cache (then as from {@link CacheTier#MEMORY})
   */
  public LMResponse(List<Choice> choices, Usage usage, String model, boolean cacheHit) {
    this(choices, usage, model, cacheHit ? CacheTier.MEMORY : CacheTier.NONE, 0, null);
  }

  /**
   * A response fresh from the server.
   *
   * @param choices the completions
   * @param usage token counts
   * @param model the model that answered
   */
  public LMResponse(List<Choice> choices, Usage usage, String model) {
    this(choices, usage, model, CacheTier.NONE, 0, null);
  }

  /** @return whether the response came from the cache (any tier, or an identical call in flight) */
  public boolean cacheHit() {
    return cacheTier != CacheTier.NONE;
  }

  /** @return this response marked as served from the memory tier */
  public LMResponse asCacheHit() {
    return fromCache(CacheTier.MEMORY);
  }

  /**
   * @param tier the tier that served it
   * @return this response as served by {@code tier}, with no retries
   */
  public LMResponse fromCache(CacheTier tier) {
    return new LMResponse(choices, usage, model, tier, 0, id);
  }

  /**
   * @param n failed attempts before this response
   * @return this response with that count
   */
  public LMResponse withRetries(int n) {
    return n == retries ? this : new LMResponse(choices, usage, model, cacheTier, n, id);
  }

  /** @return the first completion's text */
  public String text() {
    return choices.get(0).text();
  }

  /**
   * One completion.
   *
   * @param text the message content ({@code ""} if the server sent none)
   * @param finishReason why generation stopped: {@code stop}, {@code length}, … or {@code null}
   */
  public record Choice(String text, String finishReason) {
    /** @return whether generation stopped at the token limit */
    public boolean truncated() {
      return "length".equals(finishReason);
    }
  }
}
