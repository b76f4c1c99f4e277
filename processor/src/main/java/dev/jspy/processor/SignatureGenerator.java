package dev.jspy.processor;

import static dev.jspy.processor.FieldTypeCode.javaType;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the Java files for one {@link SignatureModel}, from the model alone: {@code QaInput},
 * {@code QaOutput}, {@code QaPredict} (with the {@code SignatureSpec} constant {@code QaPredict.SPEC}), and,
 * when the signature opts in ({@link SignatureModel.Modules}), the richer modules over the same signature:
 * {@code QaChainOfThought} with its result {@code QaChainOfThoughtOutput} ({@code reasoning} first),
 * {@code QaReAct} with {@code QaReActOutput} ({@code trajectory}, {@code reasoning}, then the outputs). Each
 * module overrides the runtime's fluent setters ({@code lm}; on {@code QaPredict} also {@code config} and
 * {@code addDemo}) to return its own type, so that a chain still reaches the typed {@code forward(...)}.
 *
 * <p>Every generated type costs its users compile time (about 2 to 5 ms each on a cold {@code javac}), so
 * only what the signature asks for is generated, and Javadoc says each thing once. For the same reason
 * {@code SPEC} is built by one {@code SignatureSpec.of} call from arrays of fields and one method reference
 * to a private {@code convert} switch, not by a builder chain with a lambda per conversion: javac attributes
 * and desugars each lambda on its own, at a cost its users pay at every build.
 */
final class SignatureGenerator {
  static final String PROCESSOR = "dev.jspy.processor.SignatureProcessor";

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName SIGNATURE_SPEC = ClassName.get("dev.jspy.signature", "SignatureSpec");
  private static final ClassName CONVERSIONS = SIGNATURE_SPEC.nestedClass("Conversions");
  private static final ClassName FIELD_SPEC = ClassName.get("dev.jspy.signature", "FieldSpec");
  private static final ClassName REPR = ClassName.get("dev.jspy.signature", "Repr");
  private static final ClassName PREDICT = ClassName.get("dev.jspy", "Predict");
  private static final ClassName CHAIN_OF_THOUGHT = ClassName.get("dev.jspy", "ChainOfThought");
  private static final ClassName REACT = ClassName.get("dev.jspy", "ReAct");
  private static final ClassName TRAJECTORY = ClassName.get("dev.jspy", "Trajectory");
  private static final ClassName TOOL = ClassName.get("dev.jspy", "Tool");
  private static final ClassName LM = ClassName.get("dev.jspy.lm", "LM");
  private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");

  private static final ClassName MAP = ClassName.get("java.util", "Map");
  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName OBJECT = ClassName.get(Object.class);

  /** The field ChainOfThought puts before the outputs. */
  static final String REASONING = "reasoning";
  /** The input ReAct adds, and the first component of its result. */
  static final String TRAJECTORY_FIELD = "trajectory";
  /** The Javadoc of the ReAct result's {@code trajectory} component. */
  private static final String TRAJECTORY_DOC =
      "every step the agent took: its thought, the tool it called, the arguments and\n    what the tool returned";

  private final boolean generatedAnnotation;

  /**
   * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} exists where the code
   *     is compiled
   */
  SignatureGenerator(boolean generatedAnnotation) {
    this.generatedAnnotation = generatedAnnotation;
  }

  List<JavaFile> generate(SignatureModel model) {
    return new Files(model).all();
  }

  /** The names and pieces shared by the files of one signature. */
  private final class Files {
    private final SignatureModel model;
    private final ClassName signature;
    private final ClassName input;
    private final ClassName output;
    private final ClassName predict;
    private final ClassName cotOutput;
    private final ClassName cot;
    private final ClassName reactOutput;
    private final ClassName react;
    private final FieldTypeCode types = new FieldTypeCode();
    private final FieldModel reasoning;
    private final FieldModel trajectory;

    Files(SignatureModel model) {
      this.model = model;
      String pkg = model.packageName();
      this.signature = FieldTypeCode.className(pkg, model.interfaceNames());
      this.input = ClassName.get(pkg, model.name() + "Input");
      this.output = ClassName.get(pkg, model.name() + "Output");
      this.predict = ClassName.get(pkg, model.name() + "Predict");
      this.cotOutput = ClassName.get(pkg, model.name() + "ChainOfThoughtOutput");
      this.cot = ClassName.get(pkg, model.name() + "ChainOfThought");
      this.reactOutput = ClassName.get(pkg, model.name() + "ReActOutput");
      this.react = ClassName.get(pkg, model.name() + "ReAct");
      for (FieldModel f : model.inputs()) {
        types.collect(f.type());
      }
      for (FieldModel f : model.outputs()) {
        types.collect(f.type());
      }
      this.reasoning = new FieldModel(REASONING, "", TypeModel.STRING);
      this.trajectory = new FieldModel(TRAJECTORY_FIELD, "", TypeModel.STRING);
    }

    List<JavaFile> all() {
      List<JavaFile> files = new ArrayList<>();
      files.add(file(inputRecord()));
      files.add(file(outputRecord()));
      files.add(file(predictClass()));
      if (model.modules().chainOfThought()) {
        files.add(file(cotOutputRecord()));
        files.add(file(cotClass()));
      }
      if (model.modules().react()) {
        files.add(file(reactOutputRecord()));
        files.add(file(reactClass()));
      }
      return files;
    }

    private JavaFile file(TypeSpec type) {
      return JavaFile.builder(model.packageName(), type).skipJavaLangImports(true).build();
    }

    // ---- QaInput, QaOutput ----

    private TypeSpec inputRecord() {
      TypeSpec.Builder b =
          record(input, model.inputs())
              .addJavadoc("The inputs of the {@link $T} signature, one component per input field, in order.\n\n", signature);
      paramDocs(b, model.inputs());
      return b.addJavadoc("@see $T\n", signature).build();
    }

    private TypeSpec outputRecord() {
      return resultRecord(
          output,
          model.outputs(),
          "The outputs of the {@link $T} signature, one component per output field, in order: what\n"
              + "{@link $T#forward} returns.\n\n",
          signature,
          predict);
    }

    /** A module's result: {@code summary} (formatted with {@code args}), the fields, {@code toString()}. */
    private TypeSpec resultRecord(ClassName name, List<FieldModel> fields, String summary, Object... args) {
      TypeSpec.Builder b = record(name, fields).addJavadoc(summary, args);
      paramDocs(b, fields);
      b.addJavadoc("@see $T\n", signature);
      return b.addMethod(toStringMethod(fields)).build();
    }

    /** {@code toString()} as DSPy prints a {@code Prediction} with these fields. */
    private MethodSpec toStringMethod(List<FieldModel> fields) {
      CodeBlock.Builder names = CodeBlock.builder();
      CodeBlock.Builder values = CodeBlock.builder();
      for (int i = 0; i < fields.size(); i++) {
        FieldModel f = fields.get(i);
        names.add(i == 0 ? "$S" : ", $S", f.name());
        values.add(i == 0 ? "$N" : ", $N", f.name());
      }
      return MethodSpec.methodBuilder("toString")
          .addJavadoc("Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.\n\n")
          .addJavadoc("@return {@code Prediction(...)} with one line per output field\n")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(String.class)
          .addStatement(
              "return $T.of($S, new $T[] {$L}, new $T[] {$L})", REPR, "Prediction", STRING, names.build(), OBJECT, values.build())
          .build();
    }

    private TypeSpec.Builder record(ClassName name, List<FieldModel> fields) {
      MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
      for (FieldModel f : fields) {
        ctor.addParameter(f == trajectory ? TRAJECTORY : javaType(f.type()), f.name());
      }
      TypeSpec.Builder b =
          TypeSpec.recordBuilder(name).addModifiers(Modifier.PUBLIC).recordConstructor(ctor.build());
      generated(b);
      return b;
    }

    private void paramDocs(TypeSpec.Builder b, List<FieldModel> fields) {
      for (FieldModel f : fields) {
        b.addJavadoc("@param $L $L\n", f.name(), f == trajectory ? TRAJECTORY_DOC : fieldDoc(f));
      }
    }

    // ---- QaPredict.SPEC and its conversions ----

    /** {@code new FieldSpec("name", "desc", TYPE)}, with constraints {@code new FieldSpec(..., List.of(...))}. */
    private CodeBlock fieldSpec(FieldModel f) {
      if (f.constraints().isEmpty()) {
        return CodeBlock.of("new $T($S, $L, $L)", FIELD_SPEC, f.name(), StringLiterals.of(f.description()), types.of(f.type()));
      }
      return CodeBlock.of(
          "new $T($S, $L, $L, $L)",
          FIELD_SPEC,
          f.name(),
          StringLiterals.of(f.description()),
          types.of(f.type()),
          FieldTypeCode.constraints(f.constraints()));
    }

    /** {@code new FieldSpec[] {...}}, one field a line. */
    private CodeBlock fieldSpecs(List<FieldModel> fields) {
      CodeBlock.Builder b = CodeBlock.builder().add("new $T[] {", FIELD_SPEC);
      for (int i = 0; i < fields.size(); i++) {
        b.add(i == 0 ? "\n$>$>$L" : ",\n$L", fieldSpec(fields.get(i)));
      }
      return b.add(fields.isEmpty() ? "}" : "}$<$<").build();
    }

    private FieldSpec specField() {
      CodeBlock init =
          CodeBlock.builder()
              .add("$T.<$T, $T>of(\n", SIGNATURE_SPEC, input, output)
              .indent()
              .indent()
              .add("$S,\n", model.name())
              .add("$L,\n", StringLiterals.of(model.instructions()))
              .add("$L,\n", fieldSpecs(model.inputs()))
              .add("$L,\n", fieldSpecs(model.outputs()))
              .add("$T::convert)", predict)
              .unindent()
              .unindent()
              .build();
      return FieldSpec.builder(
              ParameterizedTypeName.get(SIGNATURE_SPEC, input, output),
              "SPEC",
              Modifier.PUBLIC,
              Modifier.STATIC,
              Modifier.FINAL)
          .addJavadoc("The signature {@code $L}, as the runtime reads it.\n", typedSignature())
          .initializer(init)
          .build();
    }

    /**
     * {@code SignatureSpec.Conversions} as one private switch: the records to {@code Object[]} values and back,
     * values cast to each field's Java type.
     */
    private MethodSpec convertMethod() {
      MethodSpec.Builder m =
          MethodSpec.methodBuilder("convert")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(OBJECT)
              .addParameter(TypeName.INT, "conversion")
              .addParameter(OBJECT, "value");
      boolean generic = false;
      for (FieldModel f : model.inputs()) {
        generic |= javaType(f.type()) instanceof ParameterizedTypeName;
      }
      for (FieldModel f : model.outputs()) {
        generic |= javaType(f.type()) instanceof ParameterizedTypeName;
      }
      if (generic) {
        m.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build());
      }
      m.beginControlFlow("switch (conversion)");
      // A record without components needs no local (ECJ warns of an unused one).
      m.beginControlFlow("case $T.INPUT_VALUES:", CONVERSIONS);
      if (!model.inputs().isEmpty()) {
        m.addStatement("$T in = ($T) value", input, input);
      }
      m.addStatement("return new $T[] {$L}", OBJECT, accessors("in", model.inputs())).endControlFlow();
      m.beginControlFlow("case $T.NEW_INPUT:", CONVERSIONS);
      if (!model.inputs().isEmpty()) {
        m.addStatement("$T[] v = ($T[]) value", OBJECT, OBJECT);
      }
      m.addStatement("return new $T($L)", input, casts(model.inputs())).endControlFlow();
      m.beginControlFlow("case $T.NEW_OUTPUT:", CONVERSIONS)
          .addStatement("$T[] v = ($T[]) value", OBJECT, OBJECT)
          .addStatement("return new $T($L)", output, casts(model.outputs()))
          .endControlFlow();
      m.beginControlFlow("case $T.OUTPUT_VALUES:", CONVERSIONS)
          .addStatement("$T out = ($T) value", output, output)
          .addStatement("return new $T[] {$L}", OBJECT, accessors("out", model.outputs()))
          .endControlFlow();
      return m.addCode("default:\n$>")
          .addStatement("throw new $T($S + conversion)", IllegalArgumentException.class, "conversion ")
          .addCode("$<")
          .endControlFlow()
          .build();
    }

    /** {@code (String) v[0], ...}: the values, cast to the record's component types. */
    private CodeBlock casts(List<FieldModel> fields) {
      CodeBlock.Builder b = CodeBlock.builder();
      for (int i = 0; i < fields.size(); i++) {
        b.add(i == 0 ? "($T) v[$L]" : ", ($T) v[$L]", javaType(fields.get(i).type()), i);
      }
      return b.build();
    }

    /** {@code in.question(), ...}: the record's components, in order. */
    private CodeBlock accessors(String variable, List<FieldModel> fields) {
      CodeBlock.Builder b = CodeBlock.builder();
      for (int i = 0; i < fields.size(); i++) {
        b.add(i == 0 ? "$L.$N()" : ", $L.$N()", variable, fields.get(i).name());
      }
      return b.build();
    }

    // ---- QaPredict ----

    private TypeSpec predictClass() {
      TypeSpec.Builder b = moduleClass(
          new Module(
              predict,
              PREDICT,
              output,
              model.outputs(),
              "predict",
              "",
              List.of(model.outputs().get(0)),
              "Asks the LM for the outputs of the {@link $T} signature, as DSPy's {@code dspy.Predict}.\n\n",
              // What Predict's own Javadoc says (settings, the fluent setters) is not repeated per signature.
              "",
              List.of(
                  MethodSpec.constructorBuilder()
                      .addModifiers(Modifier.PUBLIC)
                      .addJavadoc("Creates a predictor.\n")
                      .addStatement("super(SPEC)")
                      .build(),
                  fluentOverride(
                      predict,
                      "predictor",
                      "lm",
                      "Gives this predictor its own LM.\n",
                      new Param(LM, "lm", "the LM this predictor always uses, or {@code null} to use the settings' LM")),
                  fluentOverride(
                      predict,
                      "predictor",
                      "config",
                      "Sets request parameters for this predictor's calls, overriding the LM's defaults.\n",
                      new Param(ParameterizedTypeName.get(MAP, STRING, OBJECT), "params", "parameters by their OpenAI name")),
                  fluentOverride(
                      predict,
                      "predictor",
                      "addDemo",
                      "Adds a few-shot example shown to the LM before the real input, as DSPy's demos.\n",
                      new Param(input, "input", "the example's inputs"),
                      new Param(output, "output", "the example's outputs"))),
              "Asks the LM and waits for the reply.\n",
              "Asks the LM without blocking; cancelling the future cancels the request.\n"));
      // Record types' constants first: SPEC uses them, and static fields initialize in order.
      b.addFields(types.recordConstants());
      b.addField(specField());
      b.addMethod(convertMethod());
      return b.build();
    }

    // ---- QaChainOfThought, QaChainOfThoughtOutput ----

    private List<FieldModel> cotFields() {
      List<FieldModel> fields = new ArrayList<>();
      fields.add(reasoning);
      fields.addAll(model.outputs());
      return fields;
    }

    private TypeSpec cotOutputRecord() {
      return resultRecord(
          cotOutput,
          cotFields(),
          "The outputs of the {@link $T} signature with the LM's {@code reasoning} first: what\n"
              + "{@link $T#forward} returns.\n\n",
          signature,
          cot);
    }

    private TypeSpec cotClass() {
      return moduleClass(
          new Module(
              cot,
              CHAIN_OF_THOUGHT,
              cotOutput,
              cotFields(),
              "cot",
              "",
              List.of(reasoning, model.outputs().get(0)),
              "Reasons step by step, then gives the outputs of the {@link $T} signature, as DSPy's\n"
                  + "{@code dspy.ChainOfThought}: the LM writes a {@code reasoning} field before the outputs,\n"
                  + "and the result has {@code reasoning()} first.\n\n",
              "<p>It uses the settings in force when called unless given its own {@code lm(...)}; request\n"
                  + "parameters and examples go to its inner {@code predict()}.\n",
              List.of(
                  MethodSpec.constructorBuilder()
                      .addModifiers(Modifier.PUBLIC)
                      .addJavadoc("Creates a module.\n")
                      .addStatement(
                          "super($T.SPEC, v -> new $T($L), o -> new $T[] {$L})",
                          predict,
                          cotOutput,
                          FieldTypeCode.valuesArgs(model.outputs().size() + 1),
                          OBJECT,
                          accessors("o", cotFields()))
                      .build(),
                  fluentOverride(
                      cot,
                      "module",
                      "lm",
                      "Gives this module its own LM.\n",
                      new Param(LM, "lm", "the LM this module always uses, or {@code null} for the settings' LM"))),
              "Asks the LM to reason, then answer, and waits for the reply.\n",
              "Asks the LM to reason, then answer, without blocking; cancelling the future cancels the request.\n"))
          .build();
    }

    // ---- QaReAct, QaReActOutput ----

    private List<FieldModel> reactFields() {
      List<FieldModel> fields = new ArrayList<>();
      fields.add(trajectory);
      fields.addAll(cotFields());
      return fields;
    }

    private TypeSpec reactOutputRecord() {
      return resultRecord(
          reactOutput,
          reactFields(),
          "What {@link $T#forward} returns: the agent's {@code trajectory}, the {@code reasoning} behind\n"
              + "the final answer, then the outputs of the {@link $T} signature, in order.\n\n",
          react,
          signature);
    }

    private TypeSpec reactClass() {
      TypeName tools = ParameterizedTypeName.get(FieldTypeCode.LIST, TOOL);
      return moduleClass(
          new Module(
              react,
              REACT,
              reactOutput,
              reactFields(),
              "agent",
              "tools",
              List.of(model.outputs().get(0)),
              "A tool-using agent for the {@link $T} signature, as DSPy's {@code dspy.ReAct}: in each step the LM\n"
                  + "thinks, picks a tool and its arguments, and sees the tool's result; after {@code finish} or\n"
                  + "{@code maxIters} steps it reasons over the trajectory and gives the outputs.\n\n",
              "<p>Tools come from {@code @Tool} methods ({@code <Class>Tools.of(target)}) or {@code Tool.of(...)}.\n"
                  + "It uses the settings in force when called unless given its own {@code lm(...)}.\n",
              List.of(
                  MethodSpec.constructorBuilder()
                      .addModifiers(Modifier.PUBLIC)
                      .addParameter(tools, "tools")
                      .addJavadoc("Creates an agent with DSPy's default budget of {@link $T#DEFAULT_MAX_ITERS} steps.\n\n", REACT)
                      .addJavadoc("@param tools the tools the agent may call ({@code finish} is added)\n")
                      .addStatement("this(tools, $T.DEFAULT_MAX_ITERS)", REACT)
                      .build(),
                  MethodSpec.constructorBuilder()
                      .addModifiers(Modifier.PUBLIC)
                      .addParameter(tools, "tools")
                      .addParameter(TypeName.INT, "maxIters")
                      .addJavadoc("Creates an agent.\n\n")
                      .addJavadoc("@param tools the tools the agent may call ({@code finish} is added)\n")
                      .addJavadoc("@param maxIters the most think-act steps before the outputs are extracted\n")
                      .addStatement(
                          "super($T.SPEC, tools, maxIters, v -> new $T($L))",
                          predict,
                          reactOutput,
                          FieldTypeCode.valuesArgs(model.outputs().size() + 2))
                      .build(),
                  fluentOverride(
                      react,
                      "agent",
                      "lm",
                      "Gives this agent its own LM, for both its inner predictors.\n",
                      new Param(LM, "lm", "the LM the agent always uses, or {@code null} for the settings' LM"))),
              "Runs the agent and waits for the outputs; tools run through {@code Tool.call}.\n",
              "Runs the agent without blocking; tools run through {@code Tool.acall}, and cancelling the future\n"
                  + "cancels the LM requests in flight.\n"))
          .build();
    }

    // ---- shared by the modules ----

    /**
     * What one module kind states; {@link #moduleClass} writes the rest the same way for all.
     *
     * @param name the generated class
     * @param base the runtime class it extends, parameterized by the input record and {@code result}
     * @param result what {@code forward} returns
     * @param resultFields the components of {@code result}
     * @param variable the instance's name in the usage example
     * @param arguments the constructor arguments in the usage example
     * @param shown the result components the usage example reads
     * @param summary the first paragraph of the class doc, formatted with the signature
     * @param settings the class doc's paragraph on the LM and settings, or {@code ""} for none
     * @param members the constructors and the {@link #fluentOverride}s, in order
     * @param forwardDoc the doc of the typed {@code forward}
     * @param aforwardDoc the doc of the typed {@code aforward}
     */
    private record Module(
        ClassName name,
        ClassName base,
        ClassName result,
        List<FieldModel> resultFields,
        String variable,
        String arguments,
        List<FieldModel> shown,
        String summary,
        String settings,
        List<MethodSpec> members,
        String forwardDoc,
        String aforwardDoc) {}

    private TypeSpec.Builder moduleClass(Module m) {
      TypeSpec.Builder b =
          TypeSpec.classBuilder(m.name())
              .addModifiers(Modifier.PUBLIC)
              .superclass(ParameterizedTypeName.get(m.base(), input, m.result()))
              .addJavadoc(m.summary(), signature)
              .addJavadoc("<p>Instructions: $L\n\n", escape(model.instructions()))
              .addJavadoc("<pre>{@code\n")
              .addJavadoc("$T $L = new $T($L);\n", m.name(), m.variable(), m.name(), m.arguments())
              .addJavadoc("$T result = $L.forward($L);\n", m.result(), m.variable(), parameterList());
      for (FieldModel f : m.shown()) {
        b.addJavadoc("$L $L = result.$L();\n", f.type().javaName(), exampleLocal(f, m), f.name());
      }
      b.addJavadoc("}</pre>\n");
      if (!m.settings().isEmpty()) {
        b.addJavadoc("\n").addJavadoc(m.settings());
      }
      b.addJavadoc("\n@see $T\n", signature)
          .addJavadoc("@see $T#SPEC\n", predict);
      generated(b);
      b.addMethods(m.members());
      addForwards(b, m.result(), m.resultFields(), m.forwardDoc(), m.aforwardDoc());
      return b;
    }

    /** The usage example's local for {@code f}: its name, unless that is taken by the example's other names. */
    private String exampleLocal(FieldModel f, Module m) {
      String name = f.name();
      boolean taken = name.equals("result") || name.equals(m.variable()) || name.equals(m.arguments());
      for (FieldModel in : model.inputs()) {
        taken |= in.name().equals(name);
      }
      return taken ? name + "Value" : name;
    }

    /**
     * A parameter of a generated method.
     *
     * @param type its type
     * @param name its name
     * @param doc its Javadoc
     */
    private record Param(TypeName type, String name, String doc) {}

    /**
     * An override of a fluent setter of the runtime class that calls the runtime's and returns {@code self},
     * so that the typed overloads stay in reach.
     */
    private MethodSpec fluentOverride(ClassName self, String noun, String name, String doc, Param... params) {
      MethodSpec.Builder m =
          MethodSpec.methodBuilder(name)
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(self)
              .addJavadoc(doc + "\n");
      List<String> args = new ArrayList<>();
      for (Param p : params) {
        m.addParameter(p.type(), p.name()).addJavadoc("@param $L $L\n", p.name(), p.doc());
        args.add(p.name());
      }
      return m.addJavadoc("@return this $L\n", noun)
          .addStatement("super.$L($L)", name, String.join(", ", args))
          .addStatement("return this")
          .build();
    }

    /** {@code forward(<inputs>)} and {@code aforward(<inputs>)}, which wrap the inputs in the input record. */
    private void addForwards(TypeSpec.Builder b, ClassName result, List<FieldModel> resultFields, String forwardDoc, String aforwardDoc) {
      List<ParameterSpec> params = new ArrayList<>();
      for (FieldModel f : model.inputs()) {
        params.add(ParameterSpec.builder(javaType(f.type()), f.name()).build());
      }
      CodeBlock newInput = CodeBlock.of("new $T($L)", input, parameterList());
      MethodSpec.Builder forward =
          MethodSpec.methodBuilder("forward")
              .addModifiers(Modifier.PUBLIC)
              .addParameters(params)
              .returns(result)
              .addJavadoc(forwardDoc + "\n");
      MethodSpec.Builder aforward =
          MethodSpec.methodBuilder("aforward")
              .addModifiers(Modifier.PUBLIC)
              .addParameters(params)
              .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, result))
              .addJavadoc(aforwardDoc + "\n");
      for (FieldModel f : model.inputs()) {
        forward.addJavadoc("@param $L $L\n", f.name(), fieldDoc(f));
        aforward.addJavadoc("@param $L $L\n", f.name(), fieldDoc(f));
      }
      String names = fieldNames(resultFields);
      forward.addJavadoc("@return the outputs: $L\n", names);
      aforward.addJavadoc("@return the outputs ($L), or a future failed with the runtime's exception\n", names);
      b.addMethod(forward.addStatement("return call($L)", newInput).build());
      b.addMethod(aforward.addStatement("return acall($L)", newInput).build());
    }

    private String parameterList() {
      List<String> names = new ArrayList<>();
      for (FieldModel f : model.inputs()) {
        names.add(f.name());
      }
      return String.join(", ", names);
    }

    private String fieldNames(List<FieldModel> fields) {
      List<String> names = new ArrayList<>();
      for (FieldModel f : fields) {
        names.add("{@code " + f.name() + "}");
      }
      return String.join(", ", names);
    }

    /** {@code question: String, context: List<String> -> answer: String}, for docs. */
    private String typedSignature() {
      return typedFields(model.inputs()) + " -> " + typedFields(model.outputs());
    }

    private String typedFields(List<FieldModel> fields) {
      List<String> parts = new ArrayList<>();
      for (FieldModel f : fields) {
        parts.add(f.name() + ": " + f.type().javaName());
      }
      return String.join(", ", parts);
    }

    private void generated(TypeSpec.Builder b) {
      SignatureGenerator.generated(b, generatedAnnotation);
      qualifying(b, model.shadowed());
    }
  }

  /** Makes {@code b} write the {@code shadowed} simple names (of {@code java.lang} types) qualified. */
  static void qualifying(TypeSpec.Builder b, List<String> shadowed) {
    if (!shadowed.isEmpty()) {
      b.alwaysQualify(shadowed.toArray(new String[0]));
    }
  }

  /** Adds {@code @Generated("dev.jspy.processor.SignatureProcessor")} if the annotation exists. */
  static void generated(TypeSpec.Builder b, boolean generatedAnnotation) {
    if (generatedAnnotation) {
      b.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
    }
  }

  /** A field's Javadoc: its description and the type the LM sees. */
  private static String fieldDoc(FieldModel f) {
    String type = "(LM type {@code " + f.type().pythonName() + "})";
    if (f.name().equals(REASONING) && f.description().isEmpty()) {
      return "the LM's step-by-step reasoning, written before the outputs " + type;
    }
    return f.description().isBlank() ? "the {@code " + f.name() + "} field " + type : escape(f.description()) + " " + type;
  }

  /** Text made safe for a Javadoc comment: no HTML, no end of comment, no tags, no unicode escapes. */
  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*/", "*&#47;")
        .replace("@", "&#64;")
        .replace("\\", "&#92;");
  }
}
