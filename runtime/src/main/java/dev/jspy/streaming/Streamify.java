package dev.jspy.streaming;

import dev.jspy.Callback;
import dev.jspy.Jspy;
import dev.jspy.Module;
import dev.jspy.Predict;
import dev.jspy.StreamSink;
import dev.jspy.adapters.Adapter;
import dev.jspy.lm.LMResponse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Streams a program's output fields as the LM writes them, as DSPy's {@code dspy.streamify}. Any
 * {@link Module} can be streamed, generated predictors included; only the predictors a listener targets
 * stream, and each reply is still parsed whole, exactly as without streaming.
 *
 * <pre>{@code
 * Streamify<QaInput, QaOutput> streamer =
 *     Streamify.of(new QaPredict(), List.of(StreamListener.of("answer")), StatusMessageProvider.DEFAULT, true);
 * StreamRun<QaOutput> run = streamer.stream(new QaInput("What is the capital of France?"));
 * StringBuilder shown = new StringBuilder();          // e.g. what a chat UI has drawn so far
 * QaOutput out = run.forEach(event -> {
 *   if (event instanceof FieldChunk c) shown.append(c.chunk());
 * }).join();
 * }</pre>
 *
 * <p>A {@link FieldChunk}'s {@code fieldName} is the output field's name, which is also the accessor of the
 * generated output record ({@code answer} → {@code QaOutput.answer()}).
 *
 * @param <I> the program's input
 * @param <O> the program's output
 */
public final class Streamify<I, O> {
  /** Events a run buffers before it pauses reading the LM's reply; see {@link StreamRun}. */
  public static final int DEFAULT_BUFFER = 256;

  private final Module<I, O> program;
  private final List<StreamListener> listeners;
  private final Map<String, List<StreamListener>> bound;
  private final Map<Predict<?, ?>, String> names = new IdentityHashMap<>();
  private final StatusMessageProvider statusMessages;
  private final boolean includeFinalPrediction;
  private final int buffer;

  private Streamify(Module<I, O> program, List<StreamListener> listeners, StatusMessageProvider statusMessages,
      boolean includeFinalPrediction, int buffer) {
    this.program = Objects.requireNonNull(program, "program");
    this.listeners = List.copyOf(listeners);
    List<Map.Entry<String, Predict<?, ?>>> named = program.namedPredictors();
    for (Map.Entry<String, Predict<?, ?>> e : named) {
      names.put(e.getValue(), e.getKey());
    }
    this.bound = StreamListener.bind(this.listeners, named);
    this.statusMessages = statusMessages;
    this.includeFinalPrediction = includeFinalPrediction;
    this.buffer = buffer;
  }

  /**
   * As DSPy's {@code streamify(program, stream_listeners, status_message_provider, include_final_prediction_in_output_stream)}.
   *
   * @param program the program to stream
   * @param listeners the output fields to stream, bound to predictors now (see {@link StreamListener#bind})
   * @param statusMessages the status texts ({@link StatusMessageProvider#DEFAULT} for DSPy's), or
   *     {@code null} for none
   * @param includeFinalPrediction whether the stream ends with a {@link Final} event
   * @param <I> the program's input
   * @param <O> the program's output
   * @return a streamer; one serves any number of runs, concurrently
   * @throws dev.jspy.core.ConfigurationException if a listener's field has no predictor or several
   */
  public static <I, O> Streamify<I, O> of(Module<I, O> program, List<StreamListener> listeners,
      StatusMessageProvider statusMessages, boolean includeFinalPrediction) {
    return new Streamify<>(program, listeners, statusMessages, includeFinalPrediction, DEFAULT_BUFFER);
  }

  /**
   * @param events how many events a run may hold for a slow subscriber before it pauses reading the LM
   * @return a streamer like this one with that buffer
   */
  public Streamify<I, O> buffer(int events) {
    if (events < 2) {
      throw new IllegalArgumentException("buffer must be at least 2 events, got " + events);
    }
    return new Streamify<>(program, listeners, statusMessages, includeFinalPrediction, events);
  }

  /**
   * Starts the program now, with the settings in force on this thread, and returns its stream. Events
   * wait in the run's bounded buffer until a subscriber asks for them.
   *
   * @param input the program's input
   * @return the run: a {@link java.util.concurrent.Flow.Publisher} of its events and its result
   */
  public StreamRun<O> stream(I input) {
    StreamRun<O> run = new StreamRun<>(buffer);
    Sink sink = new Sink(run);
    List<Callback> callbacks = new ArrayList<>(Jspy.current().callbacks());
    if (statusMessages != null) {
      callbacks.add(new StatusStreamingCallback(statusMessages, m -> run.offer(m, false)));
    }
    CompletableFuture<O> result;
    try (Jspy.Scope scope = Jspy.context(s -> s.streamSink(sink).callbacks(callbacks))) {
      result = program.acall(input);
    }
    run.start(result, includeFinalPrediction);
    return run;
  }

  /** One run's detectors, per predictor and reply format (a fallback adapter has another format). */
  private final class Sink implements StreamSink {
    private final StreamRun<O> run;
    private final Map<String, List<FieldDetector>> detectors = new LinkedHashMap<>();

    Sink(StreamRun<O> run) {
      this.run = run;
    }

    @Override
    public Call open(Predict<?, ?> predictor, Adapter adapter) {
      String name = names.get(predictor);
      List<StreamListener> mine = name == null ? null : bound.get(name);
      if (mine == null) {
        return null;
      }
      StreamFormat format = StreamFormat.of(adapter);
      List<FieldDetector> ds;
      synchronized (detectors) {
        ds = detectors.computeIfAbsent(name + '\u0000' + format, k -> {
          List<FieldDetector> l = new ArrayList<>(mine.size());
          for (StreamListener listener : mine) {
            l.add(listener.newDetector(format, name));
          }
          return l;
        });
      }
      return new Call() {
        @Override
        public CompletionStage<?> delta(String text) {
          CompletionStage<?> gate = null;
          synchronized (ds) {
            for (FieldDetector d : ds) {
              FieldChunk c = d.receive(text).orElse(null);
              if (c != null) {
                CompletionStage<?> g = run.offer(c, true);
                gate = g != null ? g : gate;
              }
            }
          }
          return gate;
        }

        @Override
        public void end(LMResponse response) {
          synchronized (ds) {
            for (FieldDetector d : ds) {
              if (response != null && response.cacheHit()) {
                d.cachedReply();
              }
              d.finish().ifPresent(c -> run.offer(c, false));
            }
          }
        }
      };
    }
  }
}
