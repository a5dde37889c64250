package demo;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

public class NativeChecksum {
  public long of(byte[] data) throws ReflectiveOperationException {
    Field field = Unsafe.class.getDeclaredField("theUnsafe");
    field.setAccessible(true);
    Unsafe unsafe = (Unsafe) field.get(null);
    long scratch = unsafe.allocateMemory(data.length);
    try {
      unsafe.copyMemory(data, Unsafe.ARRAY_BYTE_BASE_OFFSET, null, scratch, data.length);
      long sum = 0;
      for (int i = 0; i < data.length; i++) {
        sum += unsafe.getByte(scratch + i);
      }
      unsafe.freeMemory(scratch);
      return sum;
    } finally {
      unsafe.freeMemory(scratch);
    }
  }
}
