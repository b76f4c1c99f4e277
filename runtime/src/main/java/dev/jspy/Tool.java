package dev.jspy;

import dev.jspy.internal.py.PythonRepr;
import dev.jspy.core.JspyException;
import dev.jspy.internal.Futures;
import dev.jspy.signature.FieldType;
import dev.jspy.signature.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A function the LM may call, as DSPy's {@code dspy.Tool}: a name, a description, typed arguments with a
 * JSON schema, and the code to run.
 *
 * <p>Tools come from {@code @Tool} methods (the processor generates {@code <Class>Tools.of(target)}) or
 * from lambdas with {@link #of} and {@link #ofAsync}. A tool is <em>async</em> when its code returns a
 * {@link CompletableFuture}: {@link #acall} runs any tool; {@link #call} on an async tool fails unless
 * {@code allowToolAsyncSyncConversion} is on in the {@link Jspy} settings in force, as in DSPy.
 */
public abstract class Tool {
  /**
   * One argument of a tool.
   *
   * @param name the argument's name, as the LM writes it
   * @param type its type
   * @param description what it means, {@code ""} for none
   * @param defaultValue the value a call that leaves the argument out gets, as a value of {@code type}
   *     (DSPy's {@code days: int = 1}); empty when the argument is required
   */
  public record Arg(String name, FieldType<?> type, String description, Optional<Object> defaultValue) {
    /** Checks the components. */
    public Arg {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /**
     * A required argument.
     *
     * @param name the argument's name
     * @param type its type
     * @param description what it means, {@code ""} for none
     */
    public Arg(String name, FieldType<?> type, String description) {
      this(name, type, description, Optional.empty());
    }

    /**
     * This argument with a default: the LM sees {@code 'default': value} in its schema, as DSPy shows
     * {@code days: int = 1}, and a call that leaves it out gets {@code value}.
     *
     * @param value a value of the argument's type ({@code 1L} for {@code FieldType.LONG})
     * @return the argument with the default
     * @throws IllegalArgumentException if the value is not of the argument's type
     */
    public Arg withDefault(Object value) {
      Objects.requireNonNull(value, "value (for no value, use an Optional type and Optional.empty())");
      Object normalised;
      try {
        normalised = type.fromJson(type.toJson(value)); // 1 for a LONG argument becomes 1L
      } catch (ClassCastException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "default " + value + " of argument '" + name + "' is not a " + type.pythonName() + ": " + e.getMessage(), e);
      }
      return new Arg(name, type, description, Optional.of(normalised));
    }
  }

  private final String name;
  private final String desc;
  private final List<Arg> args;
  private final boolean async;
  private final FieldType<?> returns;
  private final Map<String, Object> argsSchema;

  /**
   * @param name the tool's name, as the LM writes it
   * @param desc what the tool does, {@code ""} for none
   * @param args its arguments, in order
   * @param async whether {@link #invoke} returns a {@link CompletableFuture}
   */
  protected Tool(String name, String desc, List<Arg> args, boolean async) {
    this(name, desc, args, async, null);
  }

  /**
   * @param name the tool's name, as the LM writes it
   * @param desc what the tool does, {@code ""} for none
   * @param args its arguments, in order
   * @param async whether {@link #invoke} returns a {@link CompletableFuture}
   * @param returns the type of the result (of the future's result for an async tool), used to show it to
   *     the LM as JSON; {@code null} to show it as it prints
   */
  protected Tool(String name, String desc, List<Arg> args, boolean async, FieldType<?> returns) {
    this.returns = returns;
    this.name = Objects.requireNonNull(name, "name");
    this.desc = Objects.requireNonNull(desc, "desc");
    this.args = List.copyOf(args);
    this.async = async;
    Map<String, Object> schema = new LinkedHashMap<>();
    for (Arg a : this.args) {
      Map<String, Object> s = a.type().toolArgSchema();
      if (a.defaultValue().isPresent()) {
        s.put("default", a.type().toJson(a.defaultValue().get())); // after the type's keys, as DSPy adds it
      }
      if (!a.description().isEmpty()) {
        s.put("description", a.description());
      }
      schema.put(a.name(), Collections.unmodifiableMap(s));
    }
    this.argsSchema = Collections.unmodifiableMap(schema);
  }

  /**
   * @param name the argument's name
   * @param type its type
   * @return an argument without description
   */
  public static Arg arg(String name, FieldType<?> type) {
    return new Arg(name, type, "");
  }

  /**
   * @param name the argument's name
   * @param type its type
   * @param description what it means
   * @return an argument
   */
  public static Arg arg(String name, FieldType<?> type, String description) {
    return new Arg(name, type, description);
  }

  /**
   * A synchronous tool from a lambda. The lambda reads its arguments, already converted to their types,
   * with {@code args.get(i)} in the order given.
   *
   * @param name the tool's name
   * @param desc what it does
   * @param args its arguments
   * @param body the code; its result becomes the observation
   * @return the tool
   */
  public static Tool of(String name, String desc, List<Arg> args, Function<Values, ?> body) {
    Objects.requireNonNull(body, "body");
    return new Tool(name, desc, args, false) {
      @Override
      protected Object invoke(Values a) {
        return body.apply(a);
      }
    };
  }

  /**
   * An asynchronous tool from a lambda returning a future.
   *
   * @param name the tool's name
   * @param desc what it does
   * @param args its arguments
   * @param body the code
   * @return the tool
   */
  public static Tool ofAsync(
      String name, String desc, List<Arg> args, Function<Values, ? extends CompletableFuture<?>> body) {
    Objects.requireNonNull(body, "body");
    return new Tool(name, desc, args, true) {
      @Override
      protected Object invoke(Values a) {
        return body.apply(a);
      }
    };
  }

  /** @return the tool's name */
  public final String name() {
    return name;
  }

  /** @return what the tool does */
  public final String desc() {
    return desc;
  }

  /** @return the arguments, in order */
  public final List<Arg> args() {
    return args;
  }

  /**
   * @return the JSON schema of each argument by name, as DSPy's {@code tool.args} (with
   *     {@code "description"} where the argument has one)
   */
  public final Map<String, Object> argsSchema() {
    return argsSchema;
  }

  /**
   * The result as the LM sees it: a JSON tree when the result type is known, else the value itself.
   *
   * @param result what {@link #call} or {@link #acall} gave
   * @return the observation value
   */
  public final Object observation(Object result) {
    return returns == null || result == null ? result : returns.toJson(result);
  }

  /** @return whether the tool's code returns a future */
  public final boolean isAsync() {
    return async;
  }

  /**
   * Runs the tool's code with converted arguments. For an async tool, returns its
   * {@link CompletableFuture}.
   *
   * @param args the arguments, converted to their types, in order
   * @return the result, or a future of it
   * @throws Exception whatever the tool's code throws
   */
  protected abstract Object invoke(Values args) throws Exception;

  /**
   * Runs the tool and waits for its result.
   *
   * @param arguments the arguments as JSON values by name, as the LM gives them
   * @return the result
   * @throws ToolException if the arguments do not fit, or the tool is async and
   *     {@code allowToolAsyncSyncConversion} is off
   */
  public final Object call(Map<String, Object> arguments) {
    return call(arguments, Jspy.current());
  }

  /** {@link #call(Map)} with the settings given as a value: how ReAct calls a tool inside its run. */
  final Object call(Map<String, Object> arguments, Settings settings) {
    List<Callback> callbacks = settings.callbacks();
    long id = callbacks.isEmpty() ? 0 : Callbacks.toolStart(callbacks, settings.callId(), this, arguments);
    Object result;
    try {
      result = callUnobserved(arguments, settings);
    } catch (RuntimeException | Error e) {
      if (!callbacks.isEmpty()) {
        Callbacks.toolEnd(callbacks, id, null, e);
      }
      throw e;
    }
    if (!callbacks.isEmpty()) {
      Callbacks.toolEnd(callbacks, id, result, null);
    }
    return result;
  }

  private Object callUnobserved(Map<String, Object> arguments, Settings settings) {
    Values converted = convert(arguments);
    if (async && !settings.allowToolAsyncSyncConversion()) {
      throw new ToolException(
          name,
          "this tool is async; call acall(...) instead, or enable async-to-sync conversion with "
              + "Jspy.configure(s -> s.allowToolAsyncSyncConversion(true)) or, for a scope, "
              + "Jspy.context(s -> s.allowToolAsyncSyncConversion(true))");
    }
    Object result = Jspy.runWith(settings, () -> run(converted));
    return async ? Futures.join((CompletableFuture<?>) result) : result;
  }

  /**
   * Runs the tool without blocking on an async tool; a synchronous tool runs on the calling thread, as in
   * DSPy. Never throws: failures complete the future exceptionally.
   *
   * @param arguments the arguments as JSON values by name, as the LM gives them
   * @return the result
   */
  public final CompletableFuture<Object> acall(Map<String, Object> arguments) {
    return acall(arguments, Jspy.current());
  }

  /** {@link #acall(Map)} with the settings given as a value: how ReAct calls a tool inside its run. */
  final CompletableFuture<Object> acall(Map<String, Object> arguments, Settings settings) {
    List<Callback> callbacks = settings.callbacks();
    if (callbacks.isEmpty()) {
      return acallUnobserved(arguments, settings);
    }
    long id = Callbacks.toolStart(callbacks, settings.callId(), this, arguments);
    CompletableFuture<Object> running = acallUnobserved(arguments, settings);
    // The caller's future completes after the end callback, so the end comes before whatever follows the
    // tool; cancelling it cancels the tool's own future.
    CompletableFuture<Object> result = new CompletableFuture<>();
    result.whenComplete(
        (r, e) -> {
          if (e instanceof java.util.concurrent.CancellationException) {
            running.cancel(true);
          }
        });
    running.whenComplete(
        (r, e) -> {
          Throwable error = e == null ? null : Futures.unwrap(e);
          Callbacks.toolEnd(callbacks, id, r, error);
          if (error == null) {
            result.complete(r);
          } else {
            result.completeExceptionally(error);
          }
        });
    return result;
  }

  @SuppressWarnings("unchecked")
  private CompletableFuture<Object> acallUnobserved(Map<String, Object> arguments, Settings settings) {
    try {
      Values converted = convert(arguments);
      Object result = Jspy.runWith(settings, () -> run(converted));
      if (async) {
        if (result == null) {
          return CompletableFuture.failedFuture(new ToolException(name, "the tool returned null, not a future"));
        }
        return (CompletableFuture<Object>) result;
      }
      return CompletableFuture.completedFuture(result);
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Object run(Values converted) {
    try {
      return invoke(converted);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new JspyException("tool '" + name + "' failed: " + e, e);
    }
  }

  private Values convert(Map<String, Object> arguments) {
    Map<String, Object> given = arguments == null ? Map.of() : arguments;
    for (String key : given.keySet()) {
      if (args.stream().noneMatch(a -> a.name().equals(key))) {
        throw new ToolException(name, "Arg " + key + " is not in the tool's args " + argNames() + ".");
      }
    }
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) {
      Arg a = args.get(i);
      if (!given.containsKey(a.name()) && a.defaultValue().isPresent()) {
        values[i] = a.defaultValue().get();
        continue;
      }
      if (!given.containsKey(a.name()) && !(a.type() instanceof FieldType.OptionalType)) {
        throw new ToolException(name, "missing argument '" + a.name() + "' (" + a.type().pythonName() + ")");
      }
      Object value = given.get(a.name());
      String misfit = schemaMisfit(a.type(), value);
      if (misfit != null) {
        // As DSPy validates against the JSON schema before converting: "2" is not an integer here.
        throw new ToolException(name, "Arg " + a.name() + " is invalid: " + misfit);
      }
      try {
        values[i] = a.type().fromJson(value);
      } catch (IllegalArgumentException e) {
        throw new ToolException(name, "argument '" + a.name() + "': " + e.getMessage());
      }
    }
    return new Values(values);
  }

  /**
   * Why a JSON value does not fit the JSON schema of {@code type}, as a JSON-schema validator would say,
   * or {@code null} if it fits. Checks JSON kinds, recursively; the values themselves are checked when
   * they are converted.
   */
  private static String schemaMisfit(FieldType<?> type, Object value) {
    if (type instanceof FieldType.OptionalType<?> o) {
      return value == null ? null : schemaMisfit(o.value(), value);
    } else if (type instanceof FieldType.StringType || type instanceof FieldType.EnumType
        || type instanceof FieldType.LiteralType) {
      return value instanceof String ? null : describe(value) + " is not of type 'string'";
    } else if (type instanceof FieldType.IntType || type instanceof FieldType.LongType) {
      return isWhole(value) ? null : describe(value) + " is not of type 'integer'";
    } else if (type instanceof FieldType.FloatType || type instanceof FieldType.DoubleType) {
      return value instanceof Number ? null : describe(value) + " is not of type 'number'";
    } else if (type instanceof FieldType.BooleanType) {
      return value instanceof Boolean ? null : describe(value) + " is not of type 'boolean'";
    } else if (type instanceof FieldType.ListType<?> l) {
      if (!(value instanceof List<?> items)) {
        return describe(value) + " is not of type 'array'";
      }
      return items.stream().map(e -> schemaMisfit(l.element(), e)).filter(Objects::nonNull).findFirst().orElse(null);
    } else if (type instanceof FieldType.MapType || type instanceof FieldType.RecordType) {
      if (!(value instanceof Map<?, ?> map)) {
        return describe(value) + " is not of type 'object'";
      }
      if (type instanceof FieldType.MapType<?> m) {
        return map.values().stream().map(v -> schemaMisfit(m.value(), v)).filter(Objects::nonNull).findFirst().orElse(null);
      }
      for (FieldType.Component c : ((FieldType.RecordType<?>) type).components()) {
        String misfit = map.containsKey(c.name()) ? schemaMisfit(c.type(), map.get(c.name())) : null;
        if (misfit != null) {
          return misfit;
        }
      }
    }
    return null; // FieldType.AnyType
  }

  private static boolean isWhole(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
      return true;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d); // JSON Schema: 2.0 is an integer
    }
    return false;
  }

  private static String describe(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }

  private List<String> argNames() {
    List<String> names = new ArrayList<>();
    for (Arg a : args) {
      names.add(a.name());
    }
    return names;
  }

  @Override
  public String toString() {
    return "Tool(name=" + name + ", desc=" + desc + ", args=" + argsSchema + ")";
  }

  /**
   * This tool as DSPy's {@code str(tool)} writes it into ReAct's instructions:
   * {@code search, whose description is <desc>Search.</desc>. It takes arguments {'query': {'type': 'string'}}.}
   *
   * @return its one-line description
   */
  public String describe() {
    String d = desc().isEmpty()
        ? "."
        : (", whose description is <desc>" + desc() + "</desc>.").replace("\n", "  ");
    return name() + d + " It takes arguments " + PythonRepr.repr(argsSchema()) + ".";
  }

}
