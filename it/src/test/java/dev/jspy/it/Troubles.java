package dev.jspy.it;

import dev.jspy.annotations.Arg;
import dev.jspy.annotations.Tool;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Tools that go wrong in every way a tool can, and one whose result is a list. */
class Troubles {
  /** Knocks a shelf over. */
  @Tool
  String explode(@Arg(desc = "why") String why) {
    throw new IllegalStateException("the shelf collapsed: " + why);
  }

  /** Reads a book's catalogue card. */
  @Tool
  String read_card(String title) throws IOException {
    throw new IOException("card for " + title + " is missing");
  }

  /** Asks the archive, which fails later. */
  @Tool
  CompletableFuture<String> ask_archive(String topic) {
    return CompletableFuture.supplyAsync(
        () -> {
          throw new UnsupportedOperationException("the archive is closed for " + topic);
        });
  }

  /** Lists the library's shelves. */
  @Tool
  List<String> shelves() {
    return List.of("fiction", "science\nand nature");
  }
}
