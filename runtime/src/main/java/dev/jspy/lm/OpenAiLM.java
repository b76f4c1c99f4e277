package dev.jspy.lm;

/** PLACEHOLDER. */
public final class OpenAiLM {
  public static Builder builder(String model) { return new Builder(); }
  public static final class Builder { public dev.jspy.LM build() { throw new IllegalStateException(); } }
}
