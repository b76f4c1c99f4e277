package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DocCommentsTest {

  @Test
  void cleansLikeInspectCleandoc() {
    assertThat(DocComments.clean(" Classify the review.\n\n   Be brief:\n     - one word\n")).isEqualTo("Classify the review.\n\nBe brief:\n  - one word");
  }

  @Test
  void dropsBlockTagsParagraphMarksAndInlineTags() {
    assertThat(DocComments.clean(" Answer {@code yes} or {@link Foo no}.\n\n <p>Briefly.\n\n @see Foo\n @param x y\n"))
        .isEqualTo("Answer yes or Foo no.\n\nBriefly.");
  }

  @Test
  void noCommentIsEmpty() {
    assertThat(DocComments.clean(null)).isEmpty();
    assertThat(DocComments.clean("  \n \n")).isEmpty();
  }

  @Test
  void readsParamTagsJoiningTheirLines() {
    String doc = " Finds things.\n\n @param query what to\n     look for, {@code exact}\n @param <T> a type\n @param limit\n @return them\n";
    assertThat(DocComments.params(doc)).containsExactly("query", "what to look for, exact", "limit", "").inOrder();
    assertThat(DocComments.params(null)).isEqualTo(Map.of());
  }
}
