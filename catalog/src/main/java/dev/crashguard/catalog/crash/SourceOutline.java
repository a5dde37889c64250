package dev.crashguard.catalog.crash;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Where a line of a Java source file sits: its innermost named class (binary name, {@code a.B$C}) and the
 * method or constructor around it, and the text of the line. Parsed by javac's own parser (no class path,
 * no attribution); a file javac cannot parse, or no javac at all, gives an outline that knows only the
 * lines.
 */
public final class SourceOutline {

  /** A named class or a method, over lines {@code first..last}. */
  private record Span(String binaryName, String method, int first, int last) {}

  private final List<Span> classes;
  private final List<Span> methods;
  private final List<String> lines;

  private SourceOutline(List<Span> classes, List<Span> methods, List<String> lines) {
    this.classes = classes;
    this.methods = methods;
    this.lines = lines;
  }

  /** Reads {@code file}; an unreadable file gives an empty outline. */
  public static SourceOutline of(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return new SourceOutline(List.of(), List.of(), List.of());
    }
    return of(file.toUri(), text);
  }

  public static SourceOutline of(URI name, String text) {
    List<String> lines = text.lines().toList();
    List<Span> classes = new ArrayList<>();
    List<Span> methods = new ArrayList<>();
    try {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac != null) {
        SimpleJavaFileObject source =
            new SimpleJavaFileObject(name, javax.tools.JavaFileObject.Kind.SOURCE) {
              @Override
              public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
              }
            };
        JavacTask task =
            (JavacTask) javac.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(source));
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        for (CompilationUnitTree unit : task.parse()) {
          collect(unit, positions, classes, methods);
        }
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // An outline that knows only the lines: ranking then uses files and lines alone.
    }
    return new SourceOutline(List.copyOf(classes), List.copyOf(methods), lines);
  }

  private static void collect(
      CompilationUnitTree unit, SourcePositions positions, List<Span> classes, List<Span> methods) {
    LineMap lineMap = unit.getLineMap();
    String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
    new TreeScanner<Void, String>() {
      @Override
      public Void visitClass(ClassTree tree, String outer) {
        if (tree.getSimpleName().isEmpty()) {
          return super.visitClass(tree, outer);
        }
        String name = outer == null ? pkg + tree.getSimpleName() : outer + "$" + tree.getSimpleName();
        classes.add(span(tree, name, null));
        return super.visitClass(tree, name);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, String outer) {
        // An anonymous class body stays in the enclosing class and method for ranking.
        return super.visitNewClass(tree, outer);
      }

      @Override
      public Void visitMethod(MethodTree tree, String outer) {
        if (outer != null) {
          methods.add(span(tree, outer, tree.getName().toString()));
        }
        return super.visitMethod(tree, outer);
      }

      private Span span(Tree tree, String className, String method) {
        long start = positions.getStartPosition(unit, tree);
        long end = positions.getEndPosition(unit, tree);
        int first = start < 0 ? -1 : (int) lineMap.getLineNumber(start);
        int last = end < 0 ? first : (int) lineMap.getLineNumber(end);
        return new Span(className, method, first, last);
      }
    }.scan(unit, null);
  }

  /** The innermost named class whose body holds {@code line}. */
  public Optional<String> classAt(int line) {
    return innermost(classes, line).map(Span::binaryName);
  }

  /** The innermost method or constructor ({@code <init>}) holding {@code line}, with its class. */
  public Optional<String[]> methodAt(int line) {
    return innermost(methods, line)
        .map(s -> new String[] {s.binaryName(), s.method().equals("<init>") ? "<init>" : s.method()});
  }

  /** The text of {@code line}, {@code ""} when the file has no such line. */
  public String line(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }

  private static Optional<Span> innermost(List<Span> spans, int line) {
    Span best = null;
    for (Span s : spans) {
      if (s.first() <= line && line <= s.last() && (best == null || s.first() >= best.first())) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }
}
