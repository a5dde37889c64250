package samples;

import sun.misc.Unsafe;

/** The smallest code that makes UnsafeMemoryMisuse report: its message goes to the consistency test. */
class UnsafeMemoryMisuseSample {
  long read(Unsafe unsafe) {
    long address = unsafe.allocateMemory(8);
    unsafe.freeMemory(address);
    return unsafe.getLong(address);
  }
}
