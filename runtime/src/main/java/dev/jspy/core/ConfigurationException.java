package dev.jspy.core;

/** Settings are missing or inconsistent, for example no LM is configured when a predictor runs. */
public class ConfigurationException extends JspyException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is missing and how to set it
   */
  public ConfigurationException(String message) {
    super(message);
  }
}
