package dev.jspy.processor;

import dev.jspy.processor.ElementReader.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The rules about a signature as a whole: at least one output, unique names, names that Java can use, that
 * DSPy's field headers can carry ({@link NameRules}) and that the generated modules do not add themselves
 * ({@code reasoning}, {@code trajectory}; ReAct's {@code next_thought}, {@code next_tool_name},
 * {@code next_tool_args} next to the inputs), no more fields than a JVM method takes, no clash with a type
 * the user already has. Reports every broken rule, then hands over the
 * {@link SignatureModel} if there were none.
 */
final class SignatureValidator {

  /** Names a record cannot give a component (JLS 8.10.1), as the accessor would clash with {@code Object}'s. */
  private static final Set<String> RESERVED_COMPONENT_NAMES =
      Set.of("clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  /** What ReAct's step predictor outputs after the signature's inputs and {@code trajectory}. */
  private static final Set<String> REACT_STEP_OUTPUTS = Set.of("next_thought", "next_tool_name", "next_tool_args");

  /** Parameter slots of a constructor or instance method: the JVM's 255, less {@code this}. */
  static final int MAX_PARAMETER_SLOTS = 254;

  private final ErrorReporter errors;
  private final Function<String, String> existingType;

  /**
   * @param existingType given the qualified name of a type jspy would generate, says why that name is taken
   *     (e.g. {@code "a type p.QaPredict already exists"}), or returns {@code null} if it is free
   */
  SignatureValidator(ErrorReporter errors, Function<String, String> existingType) {
    this.errors = errors;
    this.existingType = existingType;
  }

  Optional<SignatureModel> validate(ElementReader.Result read) {
    TypeElement type = read.type();
    String where = read.signature() == null ? "in " + type.getSimpleName() : "in \"" + read.signature() + "\"";
    if (read.signature() == null && read.outputs().isEmpty() && !errors.hasErrors()) {
      errors.reportError(
          read.location(),
          type.getSimpleName() + " has no @Output method; a signature needs at least one output, e.g. '@Output String answer();'");
    }
    Set<String> inputNames = new HashSet<>();
    for (Field f : read.inputs()) {
      checkName(f, where);
      String name = f.model().name();
      if (REACT_STEP_OUTPUTS.contains(name)) {
        errors.reportError(
            f.location(),
            "input field name '" + name + "' " + where + " is taken: the generated ReAct's step predictor outputs"
                + " its own '" + name + "' next to the signature's inputs (as DSPy's ReAct does); rename the field"
                + " (e.g. '" + name.substring("next_".length()) + "')");
      }
      if (!inputNames.add(f.model().name())) {
        errors.reportError(f.location(), "duplicate input field '" + f.model().name() + "' " + where + "; rename or remove one");
      }
    }
    Set<String> outputNames = new HashSet<>();
    for (Field f : read.outputs()) {
      checkName(f, where);
      String name = f.model().name();
      if (inputNames.contains(name)) {
        errors.reportError(
            f.location(),
            "field '" + name + "' is both an input and an output " + where
                + "; field names are unique across a signature, rename one (e.g. '" + name + "_out')");
      } else if (!outputNames.add(name)) {
        errors.reportError(f.location(), "duplicate output field '" + name + "' " + where + "; rename or remove one");
      }
    }
    String name = type.getSimpleName().toString();
    checkSlots(read.inputs(), type, "input", name + "Input constructor and forward(...)", 0);
    if (read.modules().react()) {
      checkSlots(read.outputs(), type, "output", name + "ReActOutput constructor, which adds 'trajectory' and"
          + " 'reasoning',", 2);
    } else if (read.modules().chainOfThought()) {
      checkSlots(read.outputs(), type, "output", name + "ChainOfThoughtOutput constructor, which adds 'reasoning',", 1);
    } else {
      checkSlots(read.outputs(), type, "output", name + "Output constructor", 0);
    }
    String pkg = packageName(type);
    for (String generated : read.modules().generatedNames(name)) {
      String taken = existingType.apply(pkg.isEmpty() ? generated : pkg + "." + generated);
      if (taken != null) {
        errors.reportError(
            read.location(),
            "jspy generates " + generated + " for signature " + type.getSimpleName() + ", but " + taken
                + "; rename that type or the interface");
      }
    }
    if (errors.hasErrors()) {
      return Optional.empty();
    }
    List<FieldModel> inputs = models(read.inputs());
    List<FieldModel> outputs = models(read.outputs());
    String instructions = read.instructions();
    if (instructions.isBlank()) {
      instructions = SignatureModel.defaultInstructions(names(inputs), names(outputs));
    }
    return Optional.of(
        new SignatureModel(
            pkg, TypeResolver.simpleNames(type), instructions, inputs, outputs, read.shadowed(), read.modules()));
  }

  /**
   * A JVM method takes 255 parameter slots, one of them {@code this} for a constructor or instance method;
   * {@code long} and {@code double} take two. The generated records' constructors and {@code forward(...)}
   * take one parameter per field, plus {@code extra} reference parameters the module adds itself.
   */
  private void checkSlots(List<Field> fields, TypeElement type, String side, String method, int extra) {
    int slots = 0;
    for (Field f : fields) {
      slots += slots(f.model().type());
    }
    int max = MAX_PARAMETER_SLOTS - extra;
    if (slots > max) {
      errors.reportError(
          fields.get(fields.size() - 1).location(),
          type.getSimpleName() + "'s " + fields.size() + " " + side + " fields take " + slots + " parameter slots, but"
              + " the generated " + method + " can take at most " + max + (extra == 0 ? "" : " of them")
              + " (the JVM allows 255, one is 'this'; long and double take two); split the signature, or group"
              + " fields into a record-typed field");
    }
  }

  private static int slots(TypeModel t) {
    boolean wide = t.primitive() && (t instanceof TypeModel.LongType || t instanceof TypeModel.DoubleType);
    return wide ? 2 : 1;
  }

  private void checkName(Field f, String where) {
    String name = f.model().name();
    String bad = NameRules.notInHeader(name);
    if (bad != null) {
      errors.reportError(
          f.location(),
          "field name '" + name + "' " + where + " contains " + bad + ", which DSPy's field headers ([[ ## name ## ]],"
              + " Python's \\w) cannot carry; use only letters, digits and '_'");
    } else if (SourceVersion.isKeyword(name)) {
      errors.reportError(
          f.location(),
          "field name '" + name + "' " + where + " is a Java keyword, so it cannot name the generated parameter and"
              + " record component; rename it (e.g. '" + name + "_')");
    } else if (RESERVED_COMPONENT_NAMES.contains(name)) {
      errors.reportError(
          f.location(),
          "field name '" + name + "' " + where + " cannot be a record component (it would override Object."
              + name + "()); rename it");
    } else if (name.equals(SignatureGenerator.REASONING)) {
      errors.reportError(
          f.location(),
          "field name 'reasoning' " + where + " is taken: the generated ChainOfThought and ReAct add their own"
              + " 'reasoning' output before the signature's outputs (as DSPy's ChainOfThought does); rename the"
              + " field (e.g. 'rationale')");
    } else if (name.equals(SignatureGenerator.TRAJECTORY_FIELD)) {
      errors.reportError(
          f.location(),
          "field name 'trajectory' " + where + " is taken: the generated ReAct adds a 'trajectory' input holding"
              + " the agent's steps (as DSPy's ReAct does), and its result a trajectory(); rename the field (e.g."
              + " 'steps')");
    }
  }

  private static List<FieldModel> models(List<Field> fields) {
    List<FieldModel> models = new ArrayList<>();
    for (Field f : fields) {
      models.add(f.model());
    }
    return models;
  }

  private static List<String> names(List<FieldModel> fields) {
    List<String> names = new ArrayList<>();
    for (FieldModel f : fields) {
      names.add(f.name());
    }
    return names;
  }

  private static String packageName(Element type) {
    Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    PackageElement pkg = (PackageElement) e;
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }
}
