package dev.jspy.micrometer;

import dev.jspy.annotations.Arg;
import dev.jspy.annotations.Tool;

/** Tools for the ReAct runs: one that answers, one that always fails. */
class Shelf {
  /** Finds who wrote a book. */
  @Tool
  String lookup_author(@Arg(desc = "the book's exact title") String title) {
    return title.equals("Dune") ? "Frank Herbert" : "unknown";
  }

  /** Counts a book's pages; the shelf's scale is broken. */
  @Tool
  int page_count(@Arg(desc = "the book's exact title") String title) {
    throw new IllegalStateException("the scale is broken");
  }
}
