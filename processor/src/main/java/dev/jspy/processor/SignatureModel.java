package dev.jspy.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * A checked signature: everything {@link SignatureGenerator} needs, and nothing from the compiler's model.
 *
 * @param packageName the package of the annotated interface, where the generated types go
 * @param interfaceNames the simple names of the annotated interface, outermost first
 * @param instructions the instructions the LM reads
 * @param inputs the input fields, in declaration order
 * @param outputs the output fields, in declaration order
 * @param shadowed {@code java.lang} simple names that the package's own types shadow, which the generated
 *     code writes qualified
 * @param modules the modules generated beyond {@code Predict}
 */
record SignatureModel(
    String packageName,
    List<String> interfaceNames,
    String instructions,
    List<FieldModel> inputs,
    List<FieldModel> outputs,
    List<String> shadowed,
    Modules modules) {

  /**
   * The opt-in modules of {@code @Signature}.
   *
   * @param chainOfThought {@code chainOfThought = true}: generate {@code <Name>ChainOfThought} and its output
   * @param react {@code react = true}: generate {@code <Name>ReAct} and its output
   */
  record Modules(boolean chainOfThought, boolean react) {
    /** The simple names of the generated types, in the order they are generated. */
    List<String> generatedNames(String signatureName) {
      List<String> names = new ArrayList<>();
      for (String suffix : List.of("Input", "Output", "Predict")) {
        names.add(signatureName + suffix);
      }
      if (chainOfThought) {
        names.add(signatureName + "ChainOfThoughtOutput");
        names.add(signatureName + "ChainOfThought");
      }
      if (react) {
        names.add(signatureName + "ReActOutput");
        names.add(signatureName + "ReAct");
      }
      return names;
    }
  }

  SignatureModel {
    interfaceNames = List.copyOf(interfaceNames);
    shadowed = List.copyOf(shadowed);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The signature's name: the interface's simple name, which prefixes every generated type. */
  String name() {
    return interfaceNames.get(interfaceNames.size() - 1);
  }

  /** DSPy's default instructions: {@code Given the fields `a`, `b`, produce the fields `c`.} */
  static String defaultInstructions(List<String> inputs, List<String> outputs) {
    return "Given the fields " + backticked(inputs) + ", produce the fields " + backticked(outputs) + ".";
  }

  private static String backticked(List<String> names) {
    List<String> quoted = new ArrayList<>();
    for (String n : names) {
      quoted.add("`" + n + "`");
    }
    return String.join(", ", quoted);
  }
}
