package dev.jspy.processor;

import static com.google.common.truth.Truth.assertThat;

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
}
