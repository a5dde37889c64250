package dev.crashguard.errorprone.unsynchronizedmapwrite;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.crashguard.catalog.Hazard;
import dev.crashguard.catalog.knowledge.UnsynchronizedMapWriteKnowledge;
import dev.crashguard.errorprone.common.CrashguardChecker;
import dev.crashguard.errorprone.common.HazardSuppression;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Reports a write to a non-thread-safe map or set (HashMap, TreeMap, HashSet, …) that another thread can
 * make at the same time, with no lock held. See {@link Hazard#UNSYNCHRONIZED_MAP_WRITE} and the docs page.
 *
 * <p>The write is a call of {@link MapModel#WRITE} on a field or local that holds one of
 * {@link MapModel#UNSAFE_TYPES} (directly, or through a view or an iterator of it). It is reported when
 * no lock is held ({@link LockGuard}) and one of these says another thread writes too, first match wins:
 *
 * <ol>
 *   <li>the write is in a lambda, method reference or anonymous class handed to another thread, or in a
 *       parallel stream operation ({@link TaskOrigins}), and the map is declared outside it; a task an
 *       object hands to itself ({@code execute(task)}, {@code this.execute(task)} in an event loop) is
 *       not on another thread;
 *   <li>the method holding the write is itself handed to another thread ({@code new Thread(this::m)});
 *   <li>it is run() of a Thread/Runnable class, and another method uses the field too;
 *   <li>the field is written under a lock elsewhere in its class (inconsistent locking), and the method
 *       is not private and, if protected or package-private, has a caller in its top-level class;
 *   <li>the field is volatile;
 *   <li>it is a request method of a Spring singleton or a servlet.
 * </ol>
 *
 * <p>A lock counts as held when the code is under {@code synchronized}, between {@code lock()} and
 * {@code unlock()}, under {@code if (lock.tryLock())} or {@code if (helper())} where {@code helper} is a
 * private boolean method of the class that takes the lock and keeps it, or in a protected or
 * package-private method whose every call in its top-level class holds a lock ({@link LockedCallers}).
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "UnsynchronizedMapWrite",
    summary =
        "A non-thread-safe map or set (HashMap, TreeMap, HashSet, ...) is written from several threads"
            + " without a lock.",
    severity = ERROR,
    linkType = CUSTOM,
    link = Hazard.DOCS_BASE_URL + "UnsynchronizedMapWrite.md")
public final class UnsynchronizedMapWrite extends CrashguardChecker
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {

  private static final long serialVersionUID = 1L;

  /** For {@link java.util.ServiceLoader}; Error Prone uses the injectable constructor. */
  public UnsynchronizedMapWrite() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  UnsynchronizedMapWrite(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  protected Hazard hazard() {
    return Hazard.UNSYNCHRONIZED_MAP_WRITE;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return safely(
        () ->
            MapModel.WRITE_METHODS.matches(tree, state)
                ? analyse(tree, ASTHelpers.getReceiver(tree), state)
                : Description.NO_MATCH);
  }

  /** {@code set::add} handed to a parallel stream or an executor is a write on another thread too. */
  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return safely(
        () ->
            MapModel.WRITE_METHODS.matches(tree, state)
                ? analyse(tree, tree.getQualifierExpression(), state)
                : Description.NO_MATCH);
  }

  private Description analyse(Tree write, ExpressionTree receiver, VisitorState state) {
    if (receiver == null) {
      return Description.NO_MATCH; // put(…) inside a map subclass: not a map this code shares
    }
    Optional<MapVariable> found = MapVariable.of(receiver, state);
    if (found.isEmpty()) {
      return Description.NO_MATCH;
    }
    MapVariable map = found.get();
    if (suppressedByHazardAnnotation(state)
        || HazardSuppression.names(map.symbol(), hazard().catalogName())
        || LockGuard.isHeld(state.getPath(), state)) {
      return Description.NO_MATCH;
    }
    Optional<String> origin = origin(state.getPath(), map, state);
    if (origin.isEmpty()) {
      return Description.NO_MATCH;
    }
    return report(
        write,
        map.name(),
        origin.get(),
        UnsynchronizedMapWriteKnowledge.remedyFor(map.unsafeType()),
        ConcurrentMapFix.of(map, state));
  }

  private static Optional<String> origin(TreePath write, MapVariable map, VisitorState state) {
    Optional<TaskOrigins.Task> task = TaskOrigins.task(write, map, state);
    if (!map.isField()) {
      // A local is shared only while its creator, or another task, uses it too.
      return task.filter(t -> LocalHandOff.races(t, map, state)).map(TaskOrigins.Task::origin);
    }
    if (task.isPresent()) {
      return task.map(TaskOrigins.Task::origin);
    }
    TreePath method = FieldOrigins.enclosingMethod(write);
    if (method == null) {
      return Optional.empty();
    }
    return FieldOrigins.methodHandedToThread(method, state)
        .or(() -> FieldOrigins.threadEntryMethod(method, map, state))
        .or(() -> FieldOrigins.inconsistentLocking(write, method, map, state))
        .or(() -> FieldOrigins.volatileField(method, map, state))
        .or(() -> FieldOrigins.sharedFrameworkObject(method, map, state));
  }
}
