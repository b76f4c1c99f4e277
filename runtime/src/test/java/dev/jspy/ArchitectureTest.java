package dev.jspy;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules about the runtime's shape, checked on its compiled classes ({@code target/classes}): its packages
 * depend on each other without cycles, and its public API never hands out a type from
 * {@code dev.jspy.internal}.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.jspy";
  private static final String INTERNAL = "dev.jspy.internal";

  @Test
  void packagesHaveNoCycles() throws Exception {
    Map<String, Set<String>> graph = packageGraph(classesDir());
    assertWithMessage("jdeps found no dev.jspy packages in %s", classesDir()).that(graph).containsKey(ROOT);
    List<Set<String>> cycles = stronglyConnected(graph);
    List<String> found = new ArrayList<>();
    for (Set<String> cycle : cycles) {
      found.add(describeCycle(cycle, graph));
    }
    assertWithMessage("package cycles among the runtime's packages").that(found).isEmpty();
  }

  @Test
  void cycleFinderNamesACycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a", "d"));
    graph.put("d", Set.of());
    List<Set<String>> cycles = stronglyConnected(graph);
    assertThat(cycles).containsExactly(Set.of("a", "b", "c"));
    assertThat(describeCycle(cycles.get(0), graph)).isEqualTo("a -> b -> c -> a");
  }

  @Test
  void publicApiExposesNoInternalType() throws Exception {
    List<String> exposures = new ArrayList<>();
    for (Class<?> c : runtimeClasses(classesDir())) {
      if (isInternal(c.getName()) || !isApi(c)) {
        continue;
      }
      check(exposures, c.getName() + " extends", c.getGenericSuperclass());
      for (Type t : c.getGenericInterfaces()) {
        check(exposures, c.getName() + " implements", t);
      }
      for (TypeVariable<?> v : c.getTypeParameters()) {
        check(exposures, c.getName() + " type parameter " + v.getName(), v.getBounds());
      }
      for (Field f : c.getDeclaredFields()) {
        if (isApi(c, f) && !f.isSynthetic()) {
          check(exposures, c.getName() + "." + f.getName(), f.getGenericType());
        }
      }
      List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredMethods()));
      executables.addAll(List.of(c.getDeclaredConstructors()));
      for (Executable e : executables) {
        if (!isApi(c, e) || e.isSynthetic() || (e instanceof Method m && m.isBridge())) {
          continue;
        }
        String where = c.getName() + "#" + (e instanceof Constructor ? "<init>" : e.getName());
        if (e instanceof Method m) {
          check(exposures, where + " returns", m.getGenericReturnType());
        }
        check(exposures, where + " takes", e.getGenericParameterTypes());
        check(exposures, where + " throws", e.getGenericExceptionTypes());
        for (TypeVariable<?> v : e.getTypeParameters()) {
          check(exposures, where + " type parameter " + v.getName(), v.getBounds());
        }
      }
    }
    assertWithMessage("public API members that expose dev.jspy.internal types").that(exposures).isEmpty();
  }

  @Test
  void exposureCheckSeesTypeArgumentsAndArrays() throws Exception {
    List<String> exposures = new ArrayList<>();
    Method m = Sample.class.getDeclaredMethod("leak");
    check(exposures, "leak", m.getGenericReturnType());
    check(exposures, "fine", Sample.class.getDeclaredMethod("fine").getGenericReturnType());
    assertThat(exposures).containsExactly("leak: dev.jspy.internal.Futures");
  }

  /** A method returning an internal type inside a type argument and an array. */
  private interface Sample {
    List<Map<String, dev.jspy.internal.Futures[]>> leak();

    List<? extends Number> fine();
  }

  // ------------------------------------------------------------------ packages

  private static Path classesDir() throws URISyntaxException {
    return Path.of(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Package -> packages it uses, among {@code dev.jspy} packages, as jdeps reads the class files. */
  private static Map<String, Set<String>> packageGraph(Path classes) {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
    assertWithMessage("jdeps failed: %s", err).that(rc).isEqualTo(0);
    Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$", Pattern.MULTILINE);
    Map<String, Set<String>> graph = new TreeMap<>();
    Matcher m = edge.matcher(out.toString());
    while (m.find()) {
      String from = m.group(1);
      String to = m.group(2);
      if (isRuntime(from)) {
        graph.computeIfAbsent(from, k -> new TreeSet<>());
        if (isRuntime(to) && !to.equals(from)) {
          graph.get(from).add(to);
        }
      }
    }
    return graph;
  }

  private static boolean isRuntime(String pkg) {
    return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
  }

  /** Tarjan's strongly connected components with more than one package, each as a sorted set. */
  static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    List<Set<String>> out = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, onStack, out);
      }
    }
    return out;
  }

  private static void connect(
      String v,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }

  /** One cycle through a component, as {@code a -> b -> a}: a shortest path back to its first package. */
  static String describeCycle(Set<String> component, Map<String, Set<String>> graph) {
    String start = component.iterator().next();
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (w.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String p = v; p != null; p = parent.get(p)) {
            path.add(1, p);
          }
          path.remove(1); // start was added twice: once as the cycle's head, once as the root of the walk
          path.add(start);
          return String.join(" -> ", path);
        }
        if (component.contains(w) && !parent.containsKey(w) && !w.equals(start)) {
          parent.put(w, v);
          queue.add(w);
        }
      }
    }
    throw new AssertionError("no cycle through " + start + " in " + component);
  }

  // ------------------------------------------------------------------ the public API

  private static List<Class<?>> runtimeClasses(Path classes) throws IOException, ClassNotFoundException {
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names =
          files
              .filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class"))
              .map(p -> classes.relativize(p).toString().replace(classes.getFileSystem().getSeparator(), "."))
              .map(n -> n.substring(0, n.length() - ".class".length()))
              .filter(n -> !n.endsWith("package-info"))
              .sorted()
              .collect(Collectors.toList());
    }
    List<Class<?>> out = new ArrayList<>();
    ClassLoader loader = ArchitectureTest.class.getClassLoader();
    for (String n : names) {
      out.add(Class.forName(n, false, loader));
    }
    assertWithMessage("classes under %s", classes).that(out).isNotEmpty();
    return out;
  }

  private static boolean isInternal(String name) {
    return name.equals(INTERNAL) || name.startsWith(INTERNAL + ".");
  }

  /** Whether a user can name the class: it and every class around it public. */
  private static boolean isApi(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  /** Whether a user can reach the member: public, or protected in a class they can extend. */
  private static boolean isApi(Class<?> owner, Member m) {
    int mod = m.getModifiers();
    return Modifier.isPublic(mod) || (Modifier.isProtected(mod) && !Modifier.isFinal(owner.getModifiers()));
  }

  private static void check(List<String> exposures, String where, Type... types) {
    for (Type t : types) {
      Set<String> found = new TreeSet<>();
      internalTypesIn(t, found, new HashSet<>());
      for (String name : found) {
        exposures.add(where + ": " + name);
      }
    }
  }

  private static void internalTypesIn(Type t, Set<String> found, Set<Type> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    if (t instanceof Class<?> c) {
      Class<?> k = c;
      while (k.isArray()) {
        k = k.getComponentType();
      }
      if (isInternal(k.getName())) {
        found.add(k.getName());
      }
    } else if (t instanceof ParameterizedType p) {
      internalTypesIn(p.getRawType(), found, seen);
      internalTypesIn(p.getOwnerType(), found, seen);
      for (Type a : p.getActualTypeArguments()) {
        internalTypesIn(a, found, seen);
      }
    } else if (t instanceof GenericArrayType a) {
      internalTypesIn(a.getGenericComponentType(), found, seen);
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        internalTypesIn(b, found, seen);
      }
      for (Type b : w.getLowerBounds()) {
        internalTypesIn(b, found, seen);
      }
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        internalTypesIn(b, found, seen);
      }
    }
  }
}
