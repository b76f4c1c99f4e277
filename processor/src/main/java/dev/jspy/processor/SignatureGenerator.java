package dev.jspy.processor;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the Java files for one {@link SignatureModel}, from the model alone: {@code QaInput},
 * {@code QaOutput}, {@code QaSignature} (the {@code SignatureSpec} constant) and {@code QaPredict}.
 */
final class SignatureGenerator {
  static final String PROCESSOR = "dev.jspy.processor.SignatureProcessor";

  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName SIGNATURE_SPEC = ClassName.get("dev.jspy.signature", "SignatureSpec");
  private static final ClassName FIELD_TYPE = ClassName.get("dev.jspy.signature", "FieldType");
  private static final ClassName REPR = ClassName.get("dev.jspy.signature", "Repr");
  private static final ClassName PREDICT = ClassName.get("dev.jspy", "Predict");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName MAP = ClassName.get("java.util", "Map");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");

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
    private final ClassName spec;
    private final ClassName predict;
    /** Every record type used, nested ones first, mapped to its constant in the spec class. */
    private final Map<String, RecordConstant> records = new LinkedHashMap<>();

    Files(SignatureModel model) {
      this.model = model;
      String pkg = model.packageName();
      List<String> names = model.interfaceNames();
      this.signature = ClassName.get(pkg, names.get(0), names.subList(1, names.size()).toArray(new String[0]));
      this.input = ClassName.get(pkg, model.name() + "Input");
      this.output = ClassName.get(pkg, model.name() + "Output");
      this.spec = ClassName.get(pkg, model.name() + "Signature");
      this.predict = ClassName.get(pkg, model.name() + "Predict");
      Set<String> constantNames = new HashSet<>();
      for (FieldModel f : model.inputs()) {
        collectRecords(f.type(), constantNames);
      }
      for (FieldModel f : model.outputs()) {
        collectRecords(f.type(), constantNames);
      }
    }

    List<JavaFile> all() {
      return List.of(file(inputRecord()), file(outputRecord()), file(specClass()), file(predictClass()));
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
      TypeSpec.Builder b =
          record(output, model.outputs())
              .addJavadoc(
                  "The outputs of the {@link $T} signature, one component per output field, in order: what\n"
                      + "{@link $T#forward} returns.\n\n",
                  signature,
                  predict);
      paramDocs(b, model.outputs());
      b.addJavadoc("@see $T\n", signature);
      CodeBlock.Builder names = CodeBlock.builder();
      CodeBlock.Builder values = CodeBlock.builder();
      for (int i = 0; i < model.outputs().size(); i++) {
        FieldModel f = model.outputs().get(i);
        names.add(i == 0 ? "$S" : ", $S", f.name());
        values.add(i == 0 ? "$N" : ", $N", f.name());
      }
      b.addMethod(
          MethodSpec.methodBuilder("toString")
              .addJavadoc("Renders the result as DSPy prints a {@code Prediction}, values in Python's {@code repr} form.\n\n")
              .addJavadoc("@return {@code Prediction(...)} with one line per output field\n")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(String.class)
              .addStatement(
                  "return $T.of($S, new String[] {$L}, new Object[] {$L})",
                  REPR,
                  "Prediction",
                  names.build(),
                  values.build())
              .build());
      return b.build();
    }

    private TypeSpec.Builder record(ClassName name, List<FieldModel> fields) {
      MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
      for (FieldModel f : fields) {
        ctor.addParameter(javaType(f.type()), f.name());
      }
      TypeSpec.Builder b =
          TypeSpec.recordBuilder(name).addModifiers(Modifier.PUBLIC).recordConstructor(ctor.build());
      generated(b);
      return b;
    }

    private void paramDocs(TypeSpec.Builder b, List<FieldModel> fields) {
      for (FieldModel f : fields) {
        b.addJavadoc("@param $L $L\n", f.name(), fieldDoc(f));
      }
    }

    // ---- QaSignature ----

    private TypeSpec specClass() {
      TypeSpec.Builder b =
          TypeSpec.classBuilder(spec)
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addJavadoc(
                  "The {@link $T} signature as the jspy runtime reads it: its fields with their types and\n"
                      + "descriptions, its instructions, and the conversions to and from {@link $T} and\n"
                      + "{@link $T}. Written by the annotation processor, so nothing is parsed or reflected at\n"
                      + "run time.\n\n",
                  signature,
                  input,
                  output)
              .addJavadoc("@see $T\n", signature);
      generated(b);
      for (RecordConstant r : records.values()) {
        b.addField(recordConstant(r));
      }
      b.addField(specField());
      b.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      return b.build();
    }

    private FieldSpec specField() {
      CodeBlock.Builder init =
          CodeBlock.builder()
              .add("$T.<$T, $T>builder($S)\n", SIGNATURE_SPEC, input, output, model.name())
              .indent()
              .indent()
              .add(".instructions($S)\n", model.instructions());
      for (FieldModel f : model.inputs()) {
        init.add(".input($S, $S, $L)\n", f.name(), f.description(), fieldType(f.type()));
      }
      for (FieldModel f : model.outputs()) {
        init.add(".output($S, $S, $L)\n", f.name(), f.description(), fieldType(f.type()));
      }
      init.add(".inputValues(in -> new Object[] {$L})\n", accessors("in", model.inputs()));
      init.add(".outputs(v -> new $T($L))\n", output, valuesArgs(model.outputs().size()));
      init.add(".outputValues(out -> new Object[] {$L})\n", accessors("out", model.outputs()));
      init.add(".build()").unindent().unindent();
      return FieldSpec.builder(
              ParameterizedTypeName.get(SIGNATURE_SPEC, input, output),
              "SPEC",
              Modifier.PUBLIC,
              Modifier.STATIC,
              Modifier.FINAL)
          .addJavadoc("The signature {@code $L}.\n\n", typedSignature())
          .addJavadoc("<p>Instructions: $L\n", escape(model.instructions()))
          .initializer(init.build())
          .build();
    }

    private FieldSpec recordConstant(RecordConstant r) {
      TypeModel t = r.type;
      ClassName recordName = className(t);
      CodeBlock.Builder components = CodeBlock.builder();
      CodeBlock.Builder args = CodeBlock.builder();
      for (int i = 0; i < t.components().size(); i++) {
        TypeModel.Component c = t.components().get(i);
        components.add(i == 0 ? "$T.component($S, $L)" : ",\n$T.component($S, $L)", FIELD_TYPE, c.name(), fieldType(c.type()));
        args.add(i == 0 ? "r.$N()" : ", r.$N()", c.name());
      }
      CodeBlock init =
          CodeBlock.builder()
              .add("$T.record(\n", FIELD_TYPE)
              .indent()
              .indent()
              .add("$S,\n", t.simpleName())
              .add(t.components().isEmpty() ? "$T.of(),\n" : "$T.of(\n", LIST)
              .indent()
              .indent()
              .add(components.build())
              .unindent()
              .unindent()
              .add(t.components().isEmpty() ? "" : "),\n")
              .add("v -> new $T($L),\n", recordName, valuesArgs(t.components().size()))
              .add("r -> new Object[] {$L})", args.build())
              .unindent()
              .unindent()
              .build();
      return FieldSpec.builder(
              ParameterizedTypeName.get(FIELD_TYPE, recordName), r.constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("{@link $T}, a pydantic model named {@code $L} for the LM.\n", recordName, t.simpleName())
          .initializer(init)
          .build();
    }

    private CodeBlock accessors(String variable, List<FieldModel> fields) {
      CodeBlock.Builder b = CodeBlock.builder();
      for (int i = 0; i < fields.size(); i++) {
        b.add(i == 0 ? "$L.$N()" : ", $L.$N()", variable, fields.get(i).name());
      }
      return b.build();
    }

    private String valuesArgs(int count) {
      List<String> args = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        args.add("v.get(" + i + ")");
      }
      return String.join(", ", args);
    }

    /** The runtime {@code FieldType} expression for {@code t}. */
    private CodeBlock fieldType(TypeModel t) {
      switch (t.kind()) {
        case STRING:
        case INT:
        case LONG:
        case FLOAT:
        case DOUBLE:
        case BOOLEAN:
          return CodeBlock.of("$T.$L", FIELD_TYPE, t.kind().name());
        case ENUM:
          return CodeBlock.of("$T.enumOf($S, $T.values())", FIELD_TYPE, t.simpleName(), className(t));
        case LIST:
          return CodeBlock.of("$T.list($L)", FIELD_TYPE, fieldType(t.element()));
        case MAP:
          return CodeBlock.of("$T.map($L)", FIELD_TYPE, fieldType(t.element()));
        case OPTIONAL:
          return CodeBlock.of("$T.optional($L)", FIELD_TYPE, fieldType(t.element()));
        case RECORD:
          return CodeBlock.of("$N", records.get(t.qualifiedName()).constant);
      }
      throw new AssertionError(t.kind());
    }

    private void collectRecords(TypeModel t, Set<String> constantNames) {
      if (t.element() != null) {
        collectRecords(t.element(), constantNames);
      }
      if (t.kind() != TypeModel.Kind.RECORD || records.containsKey(t.qualifiedName())) {
        return;
      }
      for (TypeModel.Component c : t.components()) {
        collectRecords(c.type(), constantNames);
      }
      // ADDRESS_TYPE; if another record has that simple name, qualify with enclosing names, then number it
      String base = "";
      String constant = null;
      for (int i = t.simpleNames().size() - 1; i >= 0 && constant == null; i--) {
        base = upperSnake(t.simpleNames().get(i)) + (base.isEmpty() ? "" : "_" + base);
        if (!constantNames.contains(base + "_TYPE")) {
          constant = base + "_TYPE";
        }
      }
      for (int n = 2; constant == null; n++) {
        if (!constantNames.contains(base + "_" + n + "_TYPE")) {
          constant = base + "_" + n + "_TYPE";
        }
      }
      constantNames.add(constant);
      records.put(t.qualifiedName(), new RecordConstant(t, constant));
    }

    // ---- QaPredict ----

    private TypeSpec predictClass() {
      TypeSpec.Builder b =
          TypeSpec.classBuilder(predict)
              .addModifiers(Modifier.PUBLIC)
              .superclass(ParameterizedTypeName.get(PREDICT, input, output))
              .addJavadoc("Asks the LM for the outputs of the {@link $T} signature, as DSPy's {@code dspy.Predict}.\n\n", signature)
              .addJavadoc("<p>Instructions: $L\n\n", escape(model.instructions()))
              .addJavadoc("<pre>{@code\n")
              .addJavadoc("$T predict = new $T();\n", predict, predict)
              .addJavadoc("$T result = predict.forward($L);\n", output, parameterList())
              .addJavadoc("$L\n", usageLine())
              .addJavadoc("}</pre>\n\n")
              .addJavadoc(
                  "<p>A new predictor uses the LM and adapter of the settings in force when it is called\n"
                      + "({@code Jspy.configure}, {@code Jspy.context}); give it its own with {@code lm(...)},\n"
                      + "request parameters with {@code config(...)} and examples with {@code addDemo(...)}.\n"
                      + "{@code forward($T)} and {@code aforward($T)} take the input record.\n\n",
                  input,
                  input)
              .addJavadoc("@see $T\n", signature)
              .addJavadoc("@see $T#SPEC\n", spec);
      generated(b);
      b.addMethod(
          MethodSpec.constructorBuilder()
              .addModifiers(Modifier.PUBLIC)
              .addJavadoc("Creates a predictor that uses the settings in force at call time.\n")
              .addStatement("super($T.SPEC)", spec)
              .build());
      List<ParameterSpec> params = new ArrayList<>();
      for (FieldModel f : model.inputs()) {
        params.add(ParameterSpec.builder(javaType(f.type()), f.name()).build());
      }
      CodeBlock newInput = CodeBlock.of("new $T($L)", input, parameterList());
      MethodSpec.Builder forward =
          MethodSpec.methodBuilder("forward")
              .addModifiers(Modifier.PUBLIC)
              .addParameters(params)
              .returns(output)
              .addJavadoc("Asks the LM and waits for the reply.\n\n");
      MethodSpec.Builder aforward =
          MethodSpec.methodBuilder("aforward")
              .addModifiers(Modifier.PUBLIC)
              .addParameters(params)
              .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, output))
              .addJavadoc(
                  "Asks the LM without blocking; cancelling the future cancels the request.\n\n");
      for (FieldModel f : model.inputs()) {
        forward.addJavadoc("@param $L $L\n", f.name(), fieldDoc(f));
        aforward.addJavadoc("@param $L $L\n", f.name(), fieldDoc(f));
      }
      forward.addJavadoc("@return the outputs: $L\n", outputNames());
      aforward.addJavadoc("@return the outputs ($L), or a future failed with the runtime's exception\n", outputNames());
      b.addMethod(forward.addStatement("return call($L)", newInput).build());
      b.addMethod(aforward.addStatement("return acall($L)", newInput).build());
      return b.build();
    }

    private String parameterList() {
      List<String> names = new ArrayList<>();
      for (FieldModel f : model.inputs()) {
        names.add(f.name());
      }
      return String.join(", ", names);
    }

    private String usageLine() {
      FieldModel first = model.outputs().get(0);
      return "System.out.println(result." + first.name() + "());";
    }

    private String outputNames() {
      List<String> names = new ArrayList<>();
      for (FieldModel f : model.outputs()) {
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
      if (generatedAnnotation) {
        b.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
      }
    }
  }

  /** A record type and the name of its constant in the spec class. */
  private record RecordConstant(TypeModel type, String constant) {}

  /** The Java type of a field or component: primitives stay primitive, as the user declared them. */
  static TypeName javaType(TypeModel t) {
    switch (t.kind()) {
      case STRING:
        return ClassName.get(String.class);
      case INT:
        return t.primitive() ? TypeName.INT : ClassName.get(Integer.class);
      case LONG:
        return t.primitive() ? TypeName.LONG : ClassName.get(Long.class);
      case FLOAT:
        return t.primitive() ? TypeName.FLOAT : ClassName.get(Float.class);
      case DOUBLE:
        return t.primitive() ? TypeName.DOUBLE : ClassName.get(Double.class);
      case BOOLEAN:
        return t.primitive() ? TypeName.BOOLEAN : ClassName.get(Boolean.class);
      case LIST:
        return ParameterizedTypeName.get(LIST, javaType(t.element()));
      case MAP:
        return ParameterizedTypeName.get(MAP, ClassName.get(String.class), javaType(t.element()));
      case OPTIONAL:
        return ParameterizedTypeName.get(OPTIONAL, javaType(t.element()));
      case ENUM:
      case RECORD:
        return className(t);
    }
    throw new AssertionError(t.kind());
  }

  private static ClassName className(TypeModel t) {
    List<String> names = t.simpleNames();
    return ClassName.get(t.packageName(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
  }

  /** A field's Javadoc: its description and the type the LM sees. */
  private static String fieldDoc(FieldModel f) {
    String type = "(LM type {@code " + f.type().pythonName() + "})";
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

  private static String upperSnake(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
