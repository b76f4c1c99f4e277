package dev.jspy.optimize;

import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.util.concurrent.CompletableFuture;

/** Test signatures and programs. */
final class Qa {
  private Qa() {}

  record In(String question) {}

  record Out(String answer) {}

  static final SignatureSpec<In, Out> SIG =
      SignatureSpec.<In, Out>builder("Qa")
          .instructions("Given the fields `question`, produce the fields `answer`.")
          .input("question", "", FieldType.STRING)
          .output("answer", "", FieldType.STRING)
          .inputs(v -> new In(v.get(0)))
          .inputValues(in -> new Object[] {in.question()})
          .outputs(v -> new Out(v.get(0)))
          .outputValues(out -> new Object[] {out.answer()})
          .build();

  /** A generated-style predictor: a subclass with a no-argument constructor. */
  static final class QaPredict extends Predict<In, Out> {
    QaPredict() {
      super(SIG);
    }
  }

  /** Two steps: answer, then answer again from the first answer (two predictors). */
  static final class TwoStep extends Module<In, Out> {
    final QaPredict first = new QaPredict();
    final QaPredict second = new QaPredict();

    @Override
    public CompletableFuture<Out> aforward(In input) {
      return first.aforward(input).thenCompose(a -> second.aforward(new In(a.answer())));
    }
  }

  /** One predictor called twice per run. */
  static final class Twice extends Module<In, Out> {
    final QaPredict step = new QaPredict();

    @Override
    public CompletableFuture<Out> aforward(In input) {
      return step.aforward(input).thenCompose(a -> step.aforward(new In(input.question() + "!")));
    }
  }
}
