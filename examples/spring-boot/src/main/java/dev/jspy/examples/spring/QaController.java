package dev.jspy.examples.spring;

import dev.jspy.streaming.SseWriter;
import dev.jspy.streaming.StreamRun;
import dev.jspy.streaming.Streamify;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code GET /ask?question=...} answers as JSON; {@code GET /ask/stream?question=...} streams it as SSE. */
@RestController
class QaController {
  private final QaPredict qa;
  private final Streamify<QaInput, QaOutput> streamer;

  QaController(QaPredict qa, Streamify<QaInput, QaOutput> streamer) {
    this.qa = qa;
    this.streamer = streamer;
  }

  @GetMapping("/ask")
  QaOutput ask(@RequestParam String question) {
    return qa.forward(question);
  }

  /** DSPy's streaming_response format: data: {"chunk": ...} events, then {"prediction": ...}, then [DONE]. */
  @GetMapping("/ask/stream")
  ResponseEntity<StreamingResponseBody> stream(@RequestParam String question) {
    StreamRun<QaOutput> run = streamer.stream(new QaInput(question));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(SseWriter.CONTENT_TYPE))
        .body(out -> SseWriter.writeTo(run, out));
  }
}
