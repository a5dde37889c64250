package dev.crashguard.testdata.unsynchronizedmapwrite;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A hook that a superclass calls under its lock: the subclass's map is written in the hook without a lock
 * of its own, while another method of the subclass takes the lock. Whether that races depends on the
 * superclass's callers, which may sit in another file or library. Netty's OpenSslClientSessionCache says so
 * in the code: its {@code sessionCreated}/{@code sessionRemoved} hooks begin with {@code assert
 * Thread.holdsLock(this)}, and every caller in OpenSslSessionCache holds the monitor. A method whose first
 * statements assert that the current thread holds a lock ({@code Thread.holdsLock(x)}, {@code
 * lock.isHeldByCurrentThread()}, {@code rw.isWriteLockedByCurrentThread()}) runs under that lock: the
 * assertion is the method's contract, checked whenever assertions are on (in every test run).
 *
 * <p>The noncompliant case has the same hook without the assertion, and a superclass that calls it
 * without the lock: two threads that remove sessions at once corrupt the map.
 */
public class LockAssertedHeld {

  /** The superclass forgets its lock in one caller; the hook, not asserting one, writes unguarded. */
  static class NoncompliantHookCalledWithoutLock {
    abstract static class SessionCache {
      final synchronized void created(String id) {
        sessionCreated(id);
      }

      final void removed(String id) {
        sessionRemoved(id);
      }

      protected abstract void sessionCreated(String id);

      protected abstract void sessionRemoved(String id);
    }

    static final class ClientSessionCache extends SessionCache {
      private final Map<String, Set<String>> sessions = new HashMap<>();

      @Override
      protected void sessionCreated(String id) {
        sessions.computeIfAbsent(host(id), h -> new HashSet<>()).add(id); // hazard: UnsynchronizedMapWrite
      }

      @Override
      protected void sessionRemoved(String id) {
        sessions.remove(host(id)); // hazard: UnsynchronizedMapWrite
      }

      synchronized boolean reuse(String host) {
        Set<String> known = sessions.get(host);
        if (known != null && known.isEmpty()) {
          sessions.remove(host);
          return false;
        }
        return known != null;
      }
    }
  }

  /** netty's OpenSslClientSessionCache: every hook asserts the monitor its callers hold. */
  static class CompliantHookAssertsMonitor {
    abstract static class SessionCache {
      final synchronized void created(String id) {
        sessionCreated(id);
      }

      final void removed(String id) {
        synchronized (this) {
          sessionRemoved(id);
        }
      }

      protected abstract void sessionCreated(String id);

      protected abstract void sessionRemoved(String id);
    }

    static final class ClientSessionCache extends SessionCache {
      private final Map<String, Set<String>> sessions = new HashMap<>();

      @Override
      protected void sessionCreated(String id) {
        assert Thread.holdsLock(this);
        sessions.computeIfAbsent(host(id), h -> new HashSet<>()).add(id);
      }

      @Override
      protected void sessionRemoved(String id) {
        assert Thread.holdsLock(this) : "callers hold the cache's monitor";
        String host = host(id);
        if (sessions.containsKey(host)) {
          sessions.remove(host);
        }
      }

      synchronized boolean reuse(String host) {
        Set<String> known = sessions.get(host);
        if (known != null && known.isEmpty()) {
          sessions.remove(host);
          return false;
        }
        return known != null;
      }
    }
  }

  /** The same contract with an explicit lock: the helper asserts the lock its callers took. */
  static class CompliantHelperAssertsLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> counts = new HashMap<>();

    void hit(String key) {
      lock.lock();
      try {
        counts.merge(key, 1, Integer::sum);
      } finally {
        lock.unlock();
      }
    }

    /** Called by subclasses and by the owner's scheduler, each with the lock held. */
    protected void resetLocked(String key) {
      assert lock.isHeldByCurrentThread();
      counts.remove(key);
    }
  }

  /** The superclass takes its lock in every caller, and the hooks say so. */
  static class FixedHookCalledWithoutLock {
    abstract static class SessionCache {
      final synchronized void created(String id) {
        sessionCreated(id);
      }

      final synchronized void removed(String id) {
        sessionRemoved(id);
      }

      protected abstract void sessionCreated(String id);

      protected abstract void sessionRemoved(String id);
    }

    static final class ClientSessionCache extends SessionCache {
      private final Map<String, Set<String>> sessions = new HashMap<>();

      @Override
      protected void sessionCreated(String id) {
        assert Thread.holdsLock(this);
        sessions.computeIfAbsent(host(id), h -> new HashSet<>()).add(id);
      }

      @Override
      protected void sessionRemoved(String id) {
        assert Thread.holdsLock(this);
        sessions.remove(host(id));
      }

      synchronized boolean reuse(String host) {
        Set<String> known = sessions.get(host);
        if (known != null && known.isEmpty()) {
          sessions.remove(host);
          return false;
        }
        return known != null;
      }
    }
  }

  static String host(String id) {
    int colon = id.indexOf(':');
    return colon < 0 ? id : id.substring(0, colon);
  }
}
