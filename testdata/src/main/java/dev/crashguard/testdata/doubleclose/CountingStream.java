package dev.crashguard.testdata.doubleclose;

import java.io.OutputStream;

/**
 * A library's own in-memory stream in a file of its own (commons-jcs3's CountingOnlyOutputStream): it counts
 * the bytes written to it and keeps none. It does not override {@code close()}, so it inherits {@code
 * OutputStream}'s, which does nothing. Used by {@link UseAfterClose}'s {@code
 * CompliantLibraryStreamReadAfterWrapperClosed}: declared in another file, an engine that reads one file sees
 * only its name.
 */
public class CountingStream extends OutputStream {

  private int count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }

  /** The number of bytes written so far. */
  public int getCount() {
    return count;
  }
}
