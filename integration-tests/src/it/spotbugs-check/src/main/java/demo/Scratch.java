package demo;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

public class Scratch {
  public long checksum(int size) throws ReflectiveOperationException {
    Field field = Unsafe.class.getDeclaredField("theUnsafe");
    field.setAccessible(true);
    Unsafe unsafe = (Unsafe) field.get(null);
    long address = unsafe.allocateMemory(size);
    unsafe.setMemory(address, size, (byte) 1);
    long sum = unsafe.getLong(address);
    unsafe.freeMemory(address);
    unsafe.freeMemory(address);
    return sum;
  }
}
