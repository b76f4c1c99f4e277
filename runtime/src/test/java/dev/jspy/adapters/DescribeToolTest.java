package dev.jspy.adapters;

import static com.google.common.truth.Truth.assertThat;

import dev.jspy.Tool;
import dev.jspy.signature.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Tool#describe}: DSPy's {@code str(tool)}, as ReAct lists tools to the LM. */
class DescribeToolTest {

  @Test
  void describesToolWithPythonReprOfItsArguments() {
    Tool search = Tool.of(
        "search",
        "Search for documents.",
        List.of(Tool.arg("query", FieldType.STRING), Tool.arg("k", FieldType.INT, "how many")),
        args -> "");

    assertThat(search.describe()).isEqualTo(
        "search, whose description is <desc>Search for documents.</desc>. It takes arguments "
            + "{'query': {'type': 'string'}, 'k': {'type': 'integer', 'description': 'how many'}}.");
  }

  @Test
  void replacesNewlinesInTheDescriptionAndOmitsAnEmptyOne() {
    Tool multi = Tool.of("t", "Line one.\nLine two.", List.of(), args -> "");
    Tool bare = Tool.of("finish", "", List.of(), args -> "");

    assertThat(multi.describe())
        .isEqualTo("t, whose description is <desc>Line one.  Line two.</desc>. It takes arguments {}.");
    assertThat(bare.describe()).isEqualTo("finish. It takes arguments {}.");
  }
}
