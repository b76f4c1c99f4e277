package dev.jspy.optimize;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Jspy;
import dev.jspy.Trace;
import dev.jspy.testing.ScriptedLM;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Traces: every predictor call of one run, recorded for that run only. */
@Timeout(60)
@SuppressWarnings("try")
class TraceTest {
  @Test
  void aRunRecordsEachPredictorCallWithItsInputsAndOutputs() {
    try (ScriptedLM lm = ScriptedLM.answering(q -> "re:" + q)) {
      Qa.TwoStep program = new Qa.TwoStep();
      Trace trace = new Trace();
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).trace(trace))) {
        assertThat(program.call(new Qa.In("q")).answer()).isEqualTo("re:re:q");
      }
      List<Trace.Step> steps = trace.steps();
      assertThat(steps).hasSize(2);
      assertThat(steps.get(0).predictor()).isSameInstanceAs(program.first);
      assertThat(steps.get(0).inputs()).isEqualTo(Map.of("question", "q"));
      assertThat(steps.get(0).outputs()).isEqualTo(Map.of("answer", "re:q"));
      assertThat(steps.get(1).predictor()).isSameInstanceAs(program.second);
      assertThat(steps.get(1).inputs()).isEqualTo(Map.of("question", "re:q"));
      assertThat(steps.get(1).outputs()).isEqualTo(Map.of("answer", "re:re:q"));
    }
  }

  @Test
  void concurrentRunsNeverMixTheirTraces() throws Exception {
    try (ScriptedLM lm = ScriptedLM.answering(q -> q + "+")) {
      Qa.TwoStep program = new Qa.TwoStep();
      int n = 40;
      List<Trace> traces = new ArrayList<>();
      List<CompletableFuture<Qa.Out>> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Trace trace = new Trace();
        traces.add(trace);
        try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).trace(trace))) {
          runs.add(program.acall(new Qa.In("q" + i)));
        }
      }
      CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
      for (int i = 0; i < n; i++) {
        List<Trace.Step> steps = traces.get(i).steps();
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).inputs()).isEqualTo(Map.of("question", "q" + i));
        assertThat(steps.get(1).outputs()).isEqualTo(Map.of("answer", "q" + i + "++"));
      }
    }
  }

  @Test
  void aRunWithoutATraceRecordsNothingAnywhere() {
    try (ScriptedLM lm = ScriptedLM.answering(q -> "a")) {
      Trace outer = new Trace();
      try (Jspy.Scope scope = Jspy.context(s -> s.lm(lm).trace(outer))) {
        try (Jspy.Scope inner = Jspy.context(s -> s.trace(null))) {
          new Qa.QaPredict().call(new Qa.In("q"));
        }
        new Qa.QaPredict().call(new Qa.In("q2"));
      }
      assertThat(outer.size()).isEqualTo(1);
      assertThat(outer.steps().get(0).inputs()).isEqualTo(Map.of("question", "q2"));
    }
  }
}
