package dev.jspy.e2e;

import dev.jspy.annotations.Input;
import dev.jspy.annotations.Output;
import dev.jspy.annotations.Signature;

/** The signatures the end-to-end tests compile and run. */
final class Signatures {
  private Signatures() {}

  @Signature(value = "question -> answer", react = true)
  interface StoryQa {}

  @Signature("topic: String -> title: String, pages: int, rating: double, for_children: boolean, tags: List<String>")
  interface Book {}

  /** Say how a story feels. */
  @Signature
  interface Mood {
    @Input(desc = "a short story")
    String story();

    @Output
    Feeling feeling();

    @Output(desc = "one to five")
    int stars();

    /** Moods. */
    enum Feeling {
      HAPPY,
      SAD,
      SCARY
    }
  }
}
