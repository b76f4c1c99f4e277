package dev.jspy.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real llama.cpp server on a free loopback port, started and stopped with {@code scripts/local-lm.sh}.
 */
final class LlamaServer implements AutoCloseable {
  private final Path repo;
  private final int port;
  private final String baseUrl;

  private LlamaServer(Path repo, int port, String baseUrl) {
    this.repo = repo;
    this.port = port;
    this.baseUrl = baseUrl;
  }

  /** Starts a server with the test model and {@code extraArgs} for llama-server. */
  static LlamaServer start(String extraArgs) throws IOException, InterruptedException {
    Path repo = Path.of(System.getProperty("jspy.repo", "..")).toAbsolutePath().normalize();
    Path model = model(repo);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(repo.resolve("scripts/local-lm.sh").toString(), "start", model.toString(), Integer.toString(port)))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    // The script's defaults (8,192 tokens per request) are what a user gets: the tests run on them.
    pb.environment().put("JSPY_LLAMA_ARGS", extraArgs.strip());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("scripts/local-lm.sh start failed (exit " + p.exitValue() + "): " + out);
    }
    String[] lines = out.split("\n");
    return new LlamaServer(repo, port, lines[lines.length - 1].strip());
  }

  static Path model(Path repo) {
    String env = System.getenv("JSPY_MODEL");
    Path model = env != null && !env.isBlank() ? Path.of(env) : repo.resolve("../shared/models/stories260K.gguf");
    if (!Files.isRegularFile(model)) {
      throw new IllegalStateException(
          "no GGUF model at " + model.toAbsolutePath().normalize() + "; set JSPY_MODEL to a .gguf file");
    }
    return model;
  }

  String baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() throws IOException {
    Process p =
        new ProcessBuilder(repo.resolve("scripts/local-lm.sh").toString(), "stop", Integer.toString(port))
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    try {
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
