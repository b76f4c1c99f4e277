package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.jspy.ChainOfThought;
import dev.jspy.lm.LM;
import dev.jspy.Predict;
import dev.jspy.ReAct;
import dev.jspy.Tool;
import dev.jspy.Trajectory;
import dev.jspy.signature.FieldSpec;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.SignatureSpec;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Loads what the processor generated for the samples and checks what the runtime will see. Reflection is
 * for this test only; generated code uses none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedSpecTest {
  private ClassLoader loader;

  @BeforeAll
  void compileAndLoad() {
    Compilation compilation = TestCompiler.javac().compile(TestCompiler.samples());
    assertThat(compilation).succeededWithoutWarnings();
    loader = TestCompiler.load(compilation);
  }

  private SignatureSpec<?, ?> spec(String signature) throws ReflectiveOperationException {
    return (SignatureSpec<?, ?>) loader.loadClass("p." + signature + "Predict").getField("SPEC").get(null);
  }

  private static List<String> names(List<FieldSpec> fields) {
    return fields.stream().map(FieldSpec::name).toList();
  }

  @Test
  void enumValuesFromEnumValueReachTheSpec() throws Exception {
    FieldType<?> color = spec("Review").outputs().get(0).type();
    assertThat(color).isInstanceOf(FieldType.EnumType.class);
    assertThat(((FieldType.EnumType<?>) color).values()).containsExactly("red", "green", "BLUE").inOrder();
    assertThat(((FieldType.EnumType<?>) color).names()).containsExactly("RED", "GREEN", "BLUE").inOrder();
    Object red = color.fromJson("red");
    assertThat(((Enum<?>) red).name()).isEqualTo("RED");
    assertThat(((Enum<?>) color.fromJson("GREEN")).name()).isEqualTo("GREEN");
    assertThat(color.toJson(red)).isEqualTo("red");
    // an enum whose values are its names keeps the one-argument factory: same values as before
    assertThat(((FieldType.EnumType<?>) spec("Sentiment").outputs().get(0).type()).values())
        .containsExactly("POSITIVE", "NEGATIVE", "NEUTRAL");
  }

  @Test
  void oneOfAndLiteralMakeLiteralTypes() throws Exception {
    SignatureSpec<?, ?> review = spec("Review");
    FieldType<?> verdict = review.outputs().get(1).type();
    assertThat(verdict).isInstanceOf(FieldType.LiteralType.class);
    assertThat(verdict.pythonName()).isEqualTo("Literal['supported', 'refuted', 'not enough info', \"it's\"]");
    FieldType<?> finding = ((FieldType.ListType<?>) review.outputs().get(2).type()).element();
    assertThat(((FieldType.RecordType<?>) finding).components().get(0).type().pythonName()).isEqualTo("Literal['low', 'high']");
    assertThat(review.outputs().get(2).type().fromJson(List.of(Map.of("level", "high", "note", "x")))).isNotNull();
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> finding.fromJson(Map.of("level", "medium", "note", "x")));
    assertThat(e).hasMessageThat().contains("level");
    assertThat(e).hasMessageThat().contains("[low, high]");

    SignatureSpec<?, ?> factCheck =
        (SignatureSpec<?, ?>) loader.loadClass("p.FactCheckPredict").getField("SPEC").get(null);
    assertThat(names(factCheck.inputs())).containsExactly("claim", "hue").inOrder();
    assertThat(((FieldType.EnumType<?>) factCheck.inputs().get(1).type()).values())
        .containsExactly("red", "green", "BLUE")
        .inOrder();
    assertThat(((FieldType.LiteralType) factCheck.outputs().get(0).type()).values())
        .containsExactly("supported", "it's", "a, b -> c")
        .inOrder();
    assertThat(factCheck.outputs().get(0).type().pythonName()).isEqualTo("Literal['supported', \"it's\", 'a, b -> c']");
    assertThat(factCheck.outputs().get(1).type().pythonName()).isEqualTo("Color");
  }

  @Test
  void stringFormSpecHasDspyDefaults() throws Exception {
    SignatureSpec<?, ?> spec = spec("Qa");
    assertThat(spec.name()).isEqualTo("Qa");
    assertThat(spec.instructions()).isEqualTo("Given the fields `question`, produce the fields `answer`.");
    assertThat(names(spec.inputs())).containsExactly("question");
    assertThat(names(spec.outputs())).containsExactly("answer");
    assertThat(spec.inputs().get(0).type()).isSameInstanceAs(FieldType.STRING);
    assertThat(spec.inputs().get(0).description()).isEmpty();
  }

  @Test
  void typedStringFormSpecNamesTypesAsDspyDoes() throws Exception {
    SignatureSpec<?, ?> spec = spec("RagQa");
    assertThat(spec.instructions()).isEqualTo("Answer with a short factoid.");
    assertThat(names(spec.inputs())).containsExactly("question", "context").inOrder();
    assertThat(names(spec.outputs())).containsExactly("answer", "confidence").inOrder();
    FieldType<?> context = spec.inputs().get(1).type();
    assertThat(context).isInstanceOf(FieldType.ListType.class);
    assertThat(context.pythonName()).isEqualTo("list[str]");
    assertThat(spec.outputs().get(1).type()).isInstanceOf(FieldType.DoubleType.class);
  }

  @Test
  void newOutputBuildsTheRecordAndToStringReadsLikeDspy() throws Exception {
    SignatureSpec<?, ?> spec = spec("RagQa");
    Object out = spec.newOutput(new Object[] {"Paris", 0.9});
    assertThat(out.getClass().getName()).isEqualTo("p.RagQaOutput");
    assertThat(out.getClass().getMethod("answer").invoke(out)).isEqualTo("Paris");
    // a primitive component stays primitive
    assertThat(out.getClass().getMethod("confidence").getReturnType()).isEqualTo(double.class);
    assertThat(out.toString()).isEqualTo("Prediction(\n    answer='Paris',\n    confidence=0.9\n)");
    assertThat(outputValues(spec, out)).asList().containsExactly("Paris", 0.9).inOrder();
  }

  @SuppressWarnings("unchecked")
  private static Object[] outputValues(SignatureSpec<?, ?> spec, Object out) {
    return ((SignatureSpec<Object, Object>) spec).outputValues(out);
  }

  @Test
  void interfaceFormSpecUsesJavadocAndDescriptions() throws Exception {
    SignatureSpec<?, ?> spec = spec("Sentiment");
    assertThat(spec.instructions())
        .isEqualTo("Classify the sentiment of a product review.\n\nQuote the words that decided it.");
    assertThat(names(spec.outputs())).containsExactly("label", "confidence", "evidence").inOrder();
    assertThat(spec.inputs().get(0).description()).isEqualTo("a product review");
    assertThat(spec.outputs().get(0).description()).isEqualTo("The overall sentiment.");
    FieldType<?> label = spec.outputs().get(0).type();
    assertThat(label).isInstanceOf(FieldType.EnumType.class);
    assertThat(label.pythonName()).isEqualTo("Label");
    assertThat(((FieldType.EnumType<?>) label).names()).containsExactly("POSITIVE", "NEGATIVE", "NEUTRAL").inOrder();
    FieldType<?> evidence = spec.outputs().get(2).type();
    assertThat(evidence).isInstanceOf(FieldType.OptionalType.class);
    FieldType<?> evidenceRecord = ((FieldType.OptionalType<?>) evidence).value();
    assertThat(evidenceRecord).isInstanceOf(FieldType.RecordType.class);
    assertThat(((FieldType.RecordType<?>) evidenceRecord).components().stream().map(FieldType.Component::name).toList())
        .containsExactly("quote", "offset")
        .inOrder();
  }

  @Test
  void recordFieldTypesRoundTripThroughJson() throws Exception {
    SignatureSpec<?, ?> spec = spec("Sentiment");
    FieldType<?> evidence = spec.outputs().get(2).type();
    Object value = evidence.fromJson(Map.of("quote", "great", "offset", 3));
    assertThat(value).isInstanceOf(Optional.class);
    Object record = ((Optional<?>) value).orElseThrow();
    assertThat(record.getClass().getName()).isEqualTo("p.Sentiment$Evidence");
    assertThat(evidence.toJson(value)).isEqualTo(Map.of("quote", "great", "offset", 3));
  }

  @Test
  void repeatedRecordTypeIsOneConstant() throws Exception {
    SignatureSpec<?, ?> spec = spec("Shop");
    FieldType<?> best = spec.outputs().get(0).type();
    FieldType<?> split = ((FieldType.ListType<?>) spec.outputs().get(1).type()).element();
    FieldType<?> inSplit =
        ((FieldType.ListType<?>) ((FieldType.RecordType<?>) split).components().get(0).type()).element();
    assertThat(inSplit).isSameInstanceAs(best);
  }

  @Test
  void pythonAliasesAndBoxesAreKept() throws Exception {
    SignatureSpec<?, ?> spec = spec("Extraction");
    assertThat(spec.outputs().stream().map(f -> f.type().pythonName()).toList())
        .containsExactly("dict[str, int]", "bool", "int", "float", "int", "Union[str, NoneType]")
        .inOrder();
    Class<?> output = loader.loadClass("p.ExtractionOutput");
    assertThat(output.getMethod("found").getReturnType()).isEqualTo(boolean.class);
    assertThat(output.getMethod("count").getReturnType()).isEqualTo(Integer.class);
    assertThat(output.getMethod("total").getReturnType()).isEqualTo(long.class);
  }

  @Test
  void predictIsAPredictWithTypedOverloads() throws Exception {
    Class<?> predict = loader.loadClass("p.RagQaPredict");
    assertThat(Predict.class.isAssignableFrom(predict)).isTrue();
    Object instance = predict.getConstructor().newInstance();
    assertThat(((Predict<?, ?>) instance).signature()).isSameInstanceAs(spec("RagQa"));
    assertThat(predict.getMethod("forward", String.class, List.class).getReturnType().getName())
        .isEqualTo("p.RagQaOutput");
    assertThat(predict.getMethod("aforward", String.class, List.class).getParameters()[1].getType())
        .isEqualTo(List.class);
  }

  @Test
  void chainOfThoughtPrependsReasoningAndBuildsItsOwnRecord() throws Exception {
    Class<?> cot = loader.loadClass("p.RagQaChainOfThought");
    ChainOfThought<?, ?> module = (ChainOfThought<?, ?>) cot.getConstructor().newInstance();
    SignatureSpec<?, ?> extended = module.signature();
    assertThat(names(extended.inputs())).containsExactly("question", "context").inOrder();
    assertThat(names(extended.outputs())).containsExactly("reasoning", "answer", "confidence").inOrder();
    assertThat(extended.instructions()).isEqualTo("Answer with a short factoid.");

    Object out = extended.newOutput(new Object[] {"Paris is the capital.", "Paris", 0.9});
    assertThat(out.getClass().getName()).isEqualTo("p.RagQaChainOfThoughtOutput");
    assertThat(out.getClass().getMethod("reasoning").invoke(out)).isEqualTo("Paris is the capital.");
    assertThat(out.getClass().getMethod("confidence").getReturnType()).isEqualTo(double.class);
    assertThat(out.toString())
        .isEqualTo("Prediction(\n    reasoning='Paris is the capital.',\n    answer='Paris',\n    confidence=0.9\n)");
    assertThat(outputValues(extended, out)).asList().containsExactly("Paris is the capital.", "Paris", 0.9).inOrder();
    assertThat(cot.getMethod("forward", String.class, List.class).getReturnType()).isEqualTo(out.getClass());
  }

  @Test
  void reactTakesToolsAndDefaultsToDspysBudget() throws Exception {
    Class<?> react = loader.loadClass("p.QaReAct");
    Tool echo = Tool.of("echo", "Echoes.", List.of(Tool.arg("text", FieldType.STRING)), a -> a.get(0));
    ReAct<?, ?> agent = (ReAct<?, ?>) react.getConstructor(List.class).newInstance(List.of(echo));
    assertThat(agent.maxIters()).isEqualTo(ReAct.DEFAULT_MAX_ITERS);
    assertThat(agent.tools().keySet()).containsExactly("echo", "finish").inOrder();
    ReAct<?, ?> shortAgent = (ReAct<?, ?>) react.getConstructor(List.class, int.class).newInstance(List.of(echo), 3);
    assertThat(shortAgent.maxIters()).isEqualTo(3);

    Class<?> out = loader.loadClass("p.QaReActOutput");
    assertThat(out.isRecord()).isTrue();
    assertThat(java.util.Arrays.stream(out.getRecordComponents()).map(c -> c.getName()).toList())
        .containsExactly("trajectory", "reasoning", "answer")
        .inOrder();
    assertThat(out.getRecordComponents()[0].getType()).isEqualTo(Trajectory.class);
    assertThat(react.getMethod("forward", String.class).getReturnType()).isEqualTo(out);
  }

  @Test
  void fluentSettersDelegateAndReturnTheGeneratedModule() throws Exception {
    LM lm =
        (LM)
            Proxy.newProxyInstance(
                LM.class.getClassLoader(),
                new Class<?>[] {LM.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException(method.getName());
                });

    Class<?> predict = loader.loadClass("p.QaPredict");
    Predict<?, ?> p = (Predict<?, ?>) predict.getConstructor().newInstance();
    assertThat(predict.getMethod("lm", LM.class).getReturnType()).isEqualTo(predict);
    assertThat(predict.getMethod("lm", LM.class).invoke(p, lm)).isSameInstanceAs(p);
    assertThat(p.lm()).isSameInstanceAs(lm);
    assertThat(predict.getMethod("config", Map.class).getReturnType()).isEqualTo(predict);
    assertThat(predict.getMethod("config", Map.class).invoke(p, Map.of("temperature", 0.5))).isSameInstanceAs(p);
    assertThat(p.config()).containsExactly("temperature", 0.5);
    Class<?> input = loader.loadClass("p.QaInput");
    Class<?> output = loader.loadClass("p.QaOutput");
    assertThat(predict.getMethod("addDemo", input, output).getReturnType()).isEqualTo(predict);
    Object demoIn = input.getConstructor(String.class).newInstance("Capital of France?");
    Object demoOut = output.getConstructor(String.class).newInstance("Paris");
    assertThat(predict.getMethod("addDemo", input, output).invoke(p, demoIn, demoOut)).isSameInstanceAs(p);
    assertThat(p.demos()).containsExactly(Map.of("question", "Capital of France?", "answer", "Paris"));

    Class<?> cot = loader.loadClass("p.QaChainOfThought");
    ChainOfThought<?, ?> c = (ChainOfThought<?, ?>) cot.getConstructor().newInstance();
    assertThat(cot.getMethod("lm", LM.class).getReturnType()).isEqualTo(cot);
    assertThat(cot.getMethod("lm", LM.class).invoke(c, lm)).isSameInstanceAs(c);
    assertThat(c.predict().lm()).isSameInstanceAs(lm);

    Class<?> react = loader.loadClass("p.QaReAct");
    Object agent = react.getConstructor(List.class).newInstance(List.of());
    assertThat(react.getMethod("lm", LM.class).getReturnType()).isEqualTo(react);
    assertThat(react.getMethod("lm", LM.class).invoke(agent, lm)).isSameInstanceAs(agent);
  }
}
