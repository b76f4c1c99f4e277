package dev.jspy.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Class>Tools} for one {@link ToolsModel}, from the model alone: a static {@code of(target)}
 * (or {@code of()} when every tool is static) returning one {@code dev.jspy.Tool} per {@code @Tool} method,
 * each an anonymous subclass whose {@code invoke} calls the method directly.
 */
final class ToolsGenerator {
  private static final ClassName TOOL = ClassName.get("dev.jspy", "Tool");
  private static final ClassName VALUES = ClassName.get("dev.jspy.signature", "Values");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  private final boolean generatedAnnotation;

  /**
   * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} exists where the code
   *     is compiled
   */
  ToolsGenerator(boolean generatedAnnotation) {
    this.generatedAnnotation = generatedAnnotation;
  }

  JavaFile generate(ToolsModel model) {
    ClassName owner = FieldTypeCode.className(model.packageName(), model.classNames());
    ClassName tools = ClassName.get(model.packageName(), model.generatedName());
    FieldTypeCode types = new FieldTypeCode();
    for (ToolModel t : model.tools()) {
      for (FieldModel a : t.args()) {
        types.collect(a.type());
      }
      if (t.returns() != null) {
        types.collect(t.returns());
      }
    }

    TypeSpec.Builder b =
        TypeSpec.classBuilder(tools)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(
                "The {@code @Tool} methods of {@link $T} as tools an agent can call:\n"
                    + "{@code new <Signature>ReAct($T.$L)}. Each tool has the method's name, description and\n"
                    + "argument schema, written down by the annotation processor, and calls the method directly:\n"
                    + "no reflection at run time.\n\n",
                owner,
                tools,
                model.needsTarget() ? "of(target)" : "of()")
            .addJavadoc("@see $T\n", owner);
    SignatureGenerator.generated(b, generatedAnnotation);
    SignatureGenerator.qualifying(b, model.shadowed());
    b.addFields(types.recordConstants());
    b.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    MethodSpec.Builder of =
        MethodSpec.methodBuilder("of")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(ParameterizedTypeName.get(FieldTypeCode.LIST, TOOL))
            .addJavadoc("The tools, in declaration order: $L.\n\n", toolNames(model));
    if (model.needsTarget()) {
      of.addParameter(targetType(owner, model.typeParameters()), "target")
          .addJavadoc("@param target the object whose methods the tools call\n")
          .addStatement("$T.requireNonNull(target, $S)", OBJECTS, "target");
    }
    of.addJavadoc("@return a new list with one tool per {@code @Tool} method of {@link $T}\n", owner);
    CodeBlock.Builder list = CodeBlock.builder().add("return $T.of(", FieldTypeCode.LIST);
    for (int i = 0; i < model.tools().size(); i++) {
      list.add(i == 0 ? "\n$L" : ",\n$L", tool(model.tools().get(i), owner, types));
    }
    of.addStatement(list.add(")").build());
    b.addMethod(of.build());
    return JavaFile.builder(model.packageName(), b.build()).skipJavaLangImports(true).build();
  }

  private static TypeName targetType(ClassName owner, int typeParameters) {
    if (typeParameters == 0) {
      return owner;
    }
    TypeName[] wildcards = Collections.nCopies(typeParameters, WildcardTypeName.subtypeOf(Object.class)).toArray(new TypeName[0]);
    return ParameterizedTypeName.get(owner, wildcards);
  }

  /** {@code new Tool("name", "desc", List.of(Tool.arg(...)), async, returns) { invoke(...) }}. */
  private static TypeSpec tool(ToolModel t, ClassName owner, FieldTypeCode types) {
    // One argument inline, several one per line.
    boolean several = t.args().size() > 1;
    CodeBlock.Builder args = CodeBlock.builder();
    if (several) {
      args.add("\n").indent().indent();
    }
    for (int i = 0; i < t.args().size(); i++) {
      FieldModel a = t.args().get(i);
      args.add(i == 0 ? "" : several ? ",\n" : ", ");
      if (a.description().isEmpty()) {
        args.add("$T.arg($S, $L)", TOOL, a.name(), types.of(a.type()));
      } else {
        args.add("$T.arg($S, $L, $L)", TOOL, a.name(), types.of(a.type()), StringLiterals.of(a.description()));
      }
      if (a.defaultValue() != null) {
        args.add(".withDefault($L)", a.defaultValue());
      }
    }
    if (several) {
      args.unindent().unindent();
    }
    CodeBlock constructorArgs =
        CodeBlock.builder()
            .add("\n")
            .indent()
            .indent()
            .add("$L,\n", StringLiterals.of(t.name()))
            .add("$L,\n", StringLiterals.of(t.description()))
            .add("$T.of($L),\n", FieldTypeCode.LIST, args.build())
            .add("$L,\n", t.result().async())
            .add("$L", t.returns() == null ? CodeBlock.of("null") : types.of(t.returns()))
            .unindent()
            .unindent()
            .build();
    return TypeSpec.anonymousClassBuilder(constructorArgs)
        .superclass(TOOL)
        .addMethod(
            MethodSpec.methodBuilder("invoke")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(VALUES, "a")
                .returns(Object.class)
                .addException(Exception.class)
                .addCode(invokeBody(t, owner))
                .build())
        .build();
  }

  private static CodeBlock invokeBody(ToolModel t, ClassName owner) {
    CodeBlock.Builder call = CodeBlock.builder();
    call.add(t.isStatic() ? "$L.$N(" : "target.$N(", t.isStatic() ? new Object[] {inBody(owner), t.methodName()} : new Object[] {t.methodName()});
    for (int i = 0; i < t.args().size(); i++) {
      call.add(i == 0 ? "" : ", ").add(argument(t.args().get(i).type(), i, t.overloaded()));
    }
    call.add(")");
    switch (t.result()) {
      case VOID:
        return CodeBlock.builder().addStatement("$L", call.build()).addStatement("return null").build();
      case STAGE:
        return CodeBlock.builder().addStatement("return $L.toCompletableFuture()", call.build()).build();
      case VALUE:
      case FUTURE:
        return CodeBlock.builder().addStatement("return $L", call.build()).build();
    }
    throw new AssertionError(t.result());
  }

  /**
   * {@code a.get(0)}, the argument converted by the runtime; when the method is overloaded, with its type
   * spelled out ({@code a.<String>get(0)}, {@code (int) a.<Integer>get(1)}) so the call picks this method.
   */
  private static CodeBlock argument(TypeModel type, int index, boolean overloaded) {
    if (!overloaded) {
      return CodeBlock.of("a.get($L)", index);
    }
    if (type.primitive()) {
      return CodeBlock.of("($T) a.<$L>get($L)", FieldTypeCode.javaType(type), inBody(type.boxed()), index);
    }
    return CodeBlock.of("a.<$L>get($L)", inBody(type), index);
  }

  /**
   * A type as written inside the anonymous {@code Tool} subclass, where the simple name {@code Arg} means the
   * inherited {@code Tool.Arg}: a user's type named {@code Arg} is written with its package there (JavaPoet
   * does not qualify types of the file's own package). In the unnamed package it cannot be, and stays as is.
   */
  private static CodeBlock inBody(TypeModel t) {
    if (t instanceof TypeModel.ListType l) {
      return CodeBlock.of("$T<$L>", FieldTypeCode.LIST, inBody(l.element()));
    } else if (t instanceof TypeModel.MapType m) {
      return CodeBlock.of("$T<$T, $L>", ClassName.get("java.util", "Map"), String.class, inBody(m.element()));
    } else if (t instanceof TypeModel.OptionalType o) {
      return CodeBlock.of("$T<$L>", ClassName.get("java.util", "Optional"), inBody(o.element()));
    } else if (t instanceof TypeModel.Named n) {
      return inBody(FieldTypeCode.className(n));
    }
    return CodeBlock.of("$T", FieldTypeCode.javaType(t));
  }

  private static CodeBlock inBody(ClassName type) {
    boolean shadowed = type.simpleNames().get(0).equals("Arg") && !type.packageName().isEmpty();
    return shadowed ? CodeBlock.of("$L", type.canonicalName()) : CodeBlock.of("$T", type);
  }

  private static String toolNames(ToolsModel model) {
    List<String> names = new ArrayList<>();
    for (ToolModel t : model.tools()) {
      String name = t.name();
      names.add(name.matches("[\\w-]+") ? "{@code " + name + "}" : "'" + SignatureGenerator.escape(name) + "'");
    }
    return String.join(", ", names);
  }
}
