package dev.crashguard.testdata.doubleclose;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * The inner resource released after the wrapper that owns it was closed or released. JDK wrappers (a
 * reader, a buffered or data stream) close what they wrap, and a JDK {@code Closeable} closed again is
 * harmless. A Netty buffer is not: {@code new ByteBufInputStream(buf, true)} releases {@code buf} when the
 * stream is closed, a {@code CompositeByteBuf} releases its components when it is released, {@code
 * Unpooled.wrappedBuffer(a, b)} takes over the references of {@code a} and {@code b}. Releasing the inner
 * buffer afterwards throws {@code IllegalReferenceCountException: refCnt: 0, decrement: 1}.
 *
 * <p>Written from real reports: a certificate parser that released its buffers in {@code finally} after
 * closing the {@code ByteBufInputStream} that "already closed it" (netty/netty#8457, "Don't double release
 * ByteBuf when parsing of the X509Certificate fails"); {@code CompositeByteBuf.addComponent} taking
 * ownership of the component (netty/netty#4760 and #4761: "CompositeByteBuf.addComponent always assume
 * reference count ownership"; turms-im/turms#1511: "CompositeByteBuf.addComponent() … causes the buffer to
 * be released", {@code IllegalReferenceCountException}); {@code Unpooled.wrappedBuffer(ByteBuf…)}: "Reference
 * count ownership of all variables is transferred to this method".
 *
 * <p>The compliant twins release the inner buffer after closing a wrapper and are right: a {@code
 * ByteBufInputStream} that does not release on close (the default, or {@code false}), a component retained
 * before it is added, and a JDK reader closed again after the reader wrapping it (idempotent).
 */
public class InnerReleasedAfterWrapper {

  static int parse(java.io.InputStream in) throws IOException {
    int n = 0;
    while (in.read() >= 0) {
      n++;
    }
    return n;
  }

  static class NoncompliantReleaseOnCloseStream {
    /** netty#8457: the stream releases the buffer on close; the finally releases it again. */
    int certificateLength(ByteBuf der) throws IOException {
      ByteBufInputStream in = new ByteBufInputStream(der, true);
      try {
        return parse(in);
      } finally {
        in.close();
        der.release(); // hazard: DoubleClose
      }
    }

    /** The reader closes the stream, which releases the buffer; then the buffer is released. */
    String firstLine(ByteBuf body) throws IOException {
      String line;
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(new ByteBufInputStream(body, true), StandardCharsets.UTF_8))) {
        line = reader.readLine();
      }
      body.release(); // hazard: DoubleClose
      return line;
    }
  }

  static class NoncompliantReleasedComponent {
    /** netty#4760, turms#1511: the composite owns the header; releasing both releases the header twice. */
    int frameLength(ByteBuf header, ByteBuf payload) {
      CompositeByteBuf frame = Unpooled.compositeBuffer();
      frame.addComponent(true, header);
      frame.addComponent(true, payload.retain());
      int length = frame.readableBytes();
      frame.release();
      payload.release();
      header.release(); // hazard: DoubleClose
      return length;
    }

    /** wrappedBuffer took over both references. */
    int joinedLength(ByteBuf first, ByteBuf second) {
      ByteBuf joined = Unpooled.wrappedBuffer(first, second);
      try {
        return joined.readableBytes();
      } finally {
        joined.release();
        first.release(); // hazard: DoubleClose
      }
    }
  }

  /** Without releaseOnClose (the default, or false) the stream leaves the buffer to its owner. */
  static class CompliantStreamDoesNotRelease {
    int certificateLength(ByteBuf der) throws IOException {
      ByteBufInputStream in = new ByteBufInputStream(der);
      try {
        return parse(in);
      } finally {
        in.close();
        der.release();
      }
    }

    int readInt(ByteBuf body) throws IOException {
      int value;
      try (DataInputStream in = new DataInputStream(new ByteBufInputStream(body, false))) {
        value = in.readInt();
      }
      body.release();
      return value;
    }
  }

  /** The component is retained before it is added: the composite owns the new reference. */
  static class CompliantRetainedComponent {
    int frameLength(ByteBuf header, ByteBuf payload) {
      CompositeByteBuf frame = Unpooled.compositeBuffer();
      frame.addComponent(true, header.retain());
      frame.addComponent(true, payload);
      int length = frame.readableBytes();
      frame.release();
      header.release();
      return length;
    }
  }

  /** A JDK reader closed after the reader that wraps it: closing a Closeable twice has no effect. */
  static class CompliantIdempotentInner {
    String firstLine(String path) throws IOException {
      Reader file = new FileReader(path, StandardCharsets.UTF_8);
      BufferedReader reader = new BufferedReader(file);
      try {
        return reader.readLine();
      } finally {
        reader.close();
        file.close();
      }
    }
  }

  static class FixedReleaseOnCloseStream {
    int certificateLength(ByteBuf der) throws IOException {
      try (ByteBufInputStream in = new ByteBufInputStream(der, true)) {
        return parse(in);
      }
    }

    String firstLine(ByteBuf body) throws IOException {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(new ByteBufInputStream(body, true), StandardCharsets.UTF_8))) {
        return reader.readLine();
      }
    }
  }

  static class FixedReleasedComponent {
    int frameLength(ByteBuf header, ByteBuf payload) {
      CompositeByteBuf frame = Unpooled.compositeBuffer();
      frame.addComponent(true, header);
      frame.addComponent(true, payload.retain());
      int length = frame.readableBytes();
      frame.release();
      payload.release();
      return length;
    }

    int joinedLength(ByteBuf first, ByteBuf second) {
      ByteBuf joined = Unpooled.wrappedBuffer(first, second);
      try {
        return joined.readableBytes();
      } finally {
        joined.release();
      }
    }
  }
}
