package dev.jspy.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.Diagnostic;

/**
 * Reports {@code @Tool} methods of anonymous and local classes. The processing API never shows such
 * classes to a processor (they live inside method bodies; javac does not even run a processor for
 * annotations found only there), and the generated {@code <Class>Tools} could not name them anyway, so
 * without this check such a tool is silently never generated. Finding them needs the source trees, which
 * only javac offers: a {@link TaskListener} scans each file as javac starts to analyze it, after
 * processing. Under other compilers (ECJ) this check does nothing. The annotation is recognised by its spelling: {@code @dev.jspy.annotations.Tool}, or
 * {@code @Tool} in a file that imports it or its package.
 */
final class LocalToolsCheck {
  private static final String PACKAGE = "dev.jspy.annotations";

  private final Trees trees;
  private final Set<CompilationUnitTree> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private LocalToolsCheck(Trees trees) {
    this.trees = trees;
  }

  /** Registers the check with {@code env}'s compiler, if it is javac; else does nothing. */
  static void register(ProcessingEnvironment env) {
    JavacTask task;
    Trees trees;
    try {
      task = JavacTask.instance(env);
      trees = Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return;
    }
    LocalToolsCheck check = new LocalToolsCheck(trees);
    task.addTaskListener(
        new TaskListener() {
          @Override
          public void started(TaskEvent e) {
            if (e.getKind() == TaskEvent.Kind.ANALYZE && e.getCompilationUnit() != null) {
              check.scan(e.getCompilationUnit());
            }
          }
        });
  }

  /** Scans {@code unit}, once, and reports each {@code @Tool} method of a local or anonymous class. */
  private void scan(CompilationUnitTree unit) {
    if (!seen.add(unit)) {
      return;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree node, Void unused) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean member = true;
        for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
          member &= p.getLeaf() instanceof ClassTree || p.getLeaf() instanceof CompilationUnitTree;
        }
        if (!member) {
          String kind = parent instanceof NewClassTree ? "an anonymous class" : "a local class";
          for (Tree m : node.getMembers()) {
            if (m instanceof MethodTree && isTool((MethodTree) m, unit)) {
              trees.printMessage(
                  Diagnostic.Kind.ERROR,
                  "@Tool method " + ((MethodTree) m).getName() + "() is in " + kind + ", which the generated"
                      + " <Class>Tools cannot name, so it would never become a tool; move it to a top-level or"
                      + " member class",
                  m,
                  unit);
            }
          }
        }
        return super.visitClass(node, unused);
      }
    }.scan(new TreePath(unit), null);
  }

  private static boolean isTool(MethodTree m, CompilationUnitTree unit) {
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      String type = a.getAnnotationType().toString();
      if (type.equals(PACKAGE + ".Tool") || (type.equals("Tool") && toolInScope(unit))) {
        return true;
      }
    }
    return false;
  }

  private static boolean toolInScope(CompilationUnitTree unit) {
    if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
      return true;
    }
    for (ImportTree i : unit.getImports()) {
      String name = i.getQualifiedIdentifier().toString();
      if (!i.isStatic() && (name.equals(PACKAGE + ".Tool") || name.equals(PACKAGE + ".*"))) {
        return true;
      }
    }
    return false;
  }
}
