package dev.jspy.spring.boot.web;

import dev.jspy.streaming.SseWriter;
import dev.jspy.streaming.StreamListener;
import dev.jspy.streaming.StreamRun;
import dev.jspy.streaming.Streamify;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A service as a user writes one: a generated predictor as a bean, a REST endpoint and an SSE endpoint. */
@SpringBootApplication
public class QaApplication {
  /** The predictor: a plain object; it uses the LM and adapter the starter configured when it is called. */
  @Bean
  QaPredict qaPredict() {
    return new QaPredict();
  }

  /** Streams the predictor's answer field as the LM writes it. */
  @Bean
  Streamify<QaInput, QaOutput> qaStreamer(QaPredict qa) {
    return Streamify.of(qa, List.of(StreamListener.of("answer")), null, true);
  }

  @RestController
  static class QaController {
    private final QaPredict qa;
    private final Streamify<QaInput, QaOutput> streamer;

    QaController(QaPredict qa, Streamify<QaInput, QaOutput> streamer) {
      this.qa = qa;
      this.streamer = streamer;
    }

    @GetMapping("/qa")
    QaOutput ask(@RequestParam("question") String question) {
      return qa.forward(question);
    }

    @GetMapping("/qa/stream")
    ResponseEntity<StreamingResponseBody> stream(@RequestParam("question") String question) {
      StreamRun<QaOutput> run = streamer.stream(new QaInput(question));
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(SseWriter.CONTENT_TYPE))
          .body(out -> SseWriter.writeTo(run, out));
    }
  }
}
