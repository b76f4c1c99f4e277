package dev.jspy.examples.spring;

import dev.jspy.streaming.StreamListener;
import dev.jspy.streaming.Streamify;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * A jspy service. The starter builds the LM from {@code jspy.lm.*} in application.yml and configures jspy with
 * it; the predictor below is a plain object that uses whatever jspy is configured with when it is called.
 */
@SpringBootApplication
public class ExampleApplication {
  private static final Logger log = LoggerFactory.getLogger(ExampleApplication.class);

  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }

  /** The generated predictor as a bean: thread-safe, one serves every request. */
  @Bean
  QaPredict qa() {
    return new QaPredict();
  }

  /** Streams the predictor's answer field as the LM writes it. */
  @Bean
  Streamify<QaInput, QaOutput> qaStreamer(QaPredict qa) {
    return Streamify.of(qa, List.of(StreamListener.of("answer")), null, true);
  }

  @EventListener(ApplicationReadyEvent.class)
  void sayHowToTryIt(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String base = "http://" + env.getProperty("server.address", "127.0.0.1") + ":" + env.getProperty("local.server.port");
    log.info("jspy example ready. Try:\n  curl '{}/ask?question=What+is+the+capital+of+France%3F'\n"
        + "  curl -N '{}/ask/stream?question=Tell+me+a+short+story'\n  curl {}/actuator/health/jspy\n"
        + "  curl {}/actuator/metrics", base, base, base, base);
  }
}
