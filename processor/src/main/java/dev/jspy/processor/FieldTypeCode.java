package dev.jspy.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * How a {@link TypeModel} is written in generated code: its Java type, and the runtime {@code FieldType}
 * expression for it. Record types get a {@code private static final} constant each ({@code ADDRESS_TYPE}),
 * nested records first, so a record used twice is one {@code FieldType}; the generator of a class
 * {@linkplain #collect collects} every type it will use, adds {@link #recordConstants()} to the class, then
 * writes {@link #of} expressions. Shared by the signature and the tools generators.
 */
final class FieldTypeCode {
  static final ClassName FIELD_TYPE = ClassName.get("dev.jspy.signature", "FieldType");
  static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName MAP = ClassName.get("java.util", "Map");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

  /** A record type and the name of its constant. */
  private record RecordConstant(TypeModel.RecordType type, String constant) {}

  /** Every record type used, nested ones first, by qualified name. */
  private final Map<String, RecordConstant> records = new LinkedHashMap<>();

  private final Set<String> constantNames = new HashSet<>();

  /** Notes the record types inside {@code t}, which {@link #of} will refer to by constant. */
  void collect(TypeModel type) {
    if (type instanceof TypeModel.Container c) {
      collect(c.element());
    }
    if (!(type instanceof TypeModel.RecordType t) || records.containsKey(t.qualifiedName())) {
      return;
    }
    for (TypeModel.Component c : t.components()) {
      collect(c.type());
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

  /** The constants of the collected record types, in an order where each only uses earlier ones. */
  List<FieldSpec> recordConstants() {
    List<FieldSpec> fields = new ArrayList<>();
    for (RecordConstant r : records.values()) {
      fields.add(recordConstant(r));
    }
    return fields;
  }

  /** The runtime {@code FieldType} expression for {@code t}, which must have been {@linkplain #collect collected}. */
  CodeBlock of(TypeModel type) {
    if (type instanceof TypeModel.StringType) {
      return CodeBlock.of("$T.STRING", FIELD_TYPE);
    } else if (type instanceof TypeModel.Scalar s) {
      return CodeBlock.of("$T.$L", FIELD_TYPE, s.constant());
    } else if (type instanceof TypeModel.EnumType e && e.values().isEmpty()) {
      return CodeBlock.of("$T.enumOf($S, $T.values())", FIELD_TYPE, e.simpleName(), className(e));
    } else if (type instanceof TypeModel.EnumType e) {
      return CodeBlock.of(
          "$T.enumOf($S, $T.values(), $T.of($L))", FIELD_TYPE, e.simpleName(), className(e), LIST, strings(e.values()));
    } else if (type instanceof TypeModel.LiteralType l) {
      return CodeBlock.of("$T.literal($T.of($L))", FIELD_TYPE, LIST, strings(l.values()));
    } else if (type instanceof TypeModel.ListType l) {
      return CodeBlock.of("$T.list($L)", FIELD_TYPE, of(l.element()));
    } else if (type instanceof TypeModel.MapType m) {
      return CodeBlock.of("$T.map($L)", FIELD_TYPE, of(m.element()));
    } else if (type instanceof TypeModel.OptionalType o) {
      return CodeBlock.of("$T.optional($L)", FIELD_TYPE, of(o.element()));
    } else if (type instanceof TypeModel.RecordType r) {
      return CodeBlock.of("$N", records.get(r.qualifiedName()).constant);
    }
    throw new AssertionError(type);
  }

  /** {@code "a", "b"}: string literals, for {@code List.of(...)}. */
  private static CodeBlock strings(List<String> values) {
    List<CodeBlock> parts = new ArrayList<>();
    for (String v : values) {
      parts.add(CodeBlock.of("$S", v));
    }
    return CodeBlock.join(parts, ", ");
  }

  private FieldSpec recordConstant(RecordConstant r) {
    TypeModel.RecordType t = r.type;
    ClassName recordName = className(t);
    CodeBlock.Builder components = CodeBlock.builder();
    CodeBlock.Builder args = CodeBlock.builder();
    for (int i = 0; i < t.components().size(); i++) {
      TypeModel.Component c = t.components().get(i);
      components.add(i == 0 ? "$T.component($S, $L)" : ",\n$T.component($S, $L)", FIELD_TYPE, c.name(), of(c.type()));
      if (!c.description().isEmpty()) {
        components.add("\n    .withDescription($L)", StringLiterals.of(c.description()));
      }
      if (!c.constraints().isEmpty()) {
        components.add("\n    .withConstraints($L)", constraints(c.constraints()));
      }
      if (c.defaultValue() != null) {
        components.add("\n    .withDefault($L)", c.defaultValue());
      }
      args.add(i == 0 ? "r.$N()" : ", r.$N()", c.name());
    }
    CodeBlock init =
        CodeBlock.builder()
            .add("$T.record(\n", FIELD_TYPE)
            .indent()
            .indent()
            .add("$S,\n", t.simpleName())
            .add(t.description().isEmpty() ? CodeBlock.of("") : CodeBlock.of("$L,\n", StringLiterals.of(t.description())))
            .add(t.components().isEmpty() ? "$T.of(),\n" : "$T.of(\n", LIST)
            .indent()
            .indent()
            .add(components.build())
            .unindent()
            .unindent()
            .add(t.components().isEmpty() ? "" : "),\n")
            .add("v -> new $T($L),\n", recordName, valuesArgs(t.components().size()))
            .add("r -> new $T[] {$L})", Object.class, args.build())
            .unindent()
            .unindent()
            .build();
    return FieldSpec.builder(
            ParameterizedTypeName.get(FIELD_TYPE, recordName), r.constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("{@link $T}, a pydantic model named {@code $L} for the LM.\n", recordName, t.simpleName())
        .initializer(init)
        .build();
  }

  static final ClassName CONSTRAINT = ClassName.get("dev.jspy.signature", "Constraint");

  /** {@code List.of(Constraint.of(Constraint.Rule.GE, 0L), ...)}: constraints in the order written. */
  static CodeBlock constraints(List<ConstraintReader.Rule> rules) {
    List<CodeBlock> parts = new ArrayList<>();
    for (ConstraintReader.Rule r : rules) {
      parts.add(CodeBlock.of("$T.of($T.Rule.$L, $L)", CONSTRAINT, CONSTRAINT, r.rule(), r.valueCode()));
    }
    return CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(parts, ", "));
  }

  /** {@code v.get(0), v.get(1), ...}: the arguments that build a record from {@code Values v}. */
  static String valuesArgs(int count) {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      args.add("v.get(" + i + ")");
    }
    return String.join(", ", args);
  }

  /** The Java type of a field, component or parameter: primitives stay primitive, as the user declared them. */
  static TypeName javaType(TypeModel type) {
    if (type instanceof TypeModel.StringType || type instanceof TypeModel.LiteralType) {
      return ClassName.get(String.class);
    } else if (type instanceof TypeModel.Scalar s) {
      TypeName primitive =
          s instanceof TypeModel.IntType ? TypeName.INT
              : s instanceof TypeModel.LongType ? TypeName.LONG
              : s instanceof TypeModel.FloatType ? TypeName.FLOAT
              : s instanceof TypeModel.DoubleType ? TypeName.DOUBLE
              : TypeName.BOOLEAN;
      return s.primitive() ? primitive : primitive.box();
    } else if (type instanceof TypeModel.ListType l) {
      return ParameterizedTypeName.get(LIST, javaType(l.element()));
    } else if (type instanceof TypeModel.MapType m) {
      return ParameterizedTypeName.get(MAP, ClassName.get(String.class), javaType(m.element()));
    } else if (type instanceof TypeModel.OptionalType o) {
      return ParameterizedTypeName.get(OPTIONAL, javaType(o.element()));
    } else if (type instanceof TypeModel.Named n) {
      return className(n);
    }
    throw new AssertionError(type);
  }

  /** The name of an enum or record type. */
  static ClassName className(TypeModel.Named t) {
    return className(t.packageName(), t.simpleNames());
  }

  /** A possibly nested type's name from its package and simple names, outermost first. */
  static ClassName className(String packageName, List<String> simpleNames) {
    return ClassName.get(
        packageName, simpleNames.get(0), simpleNames.subList(1, simpleNames.size()).toArray(new String[0]));
  }

  private static String upperSnake(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
