package dev.shop;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

class InventoryTest {
  private final Map<String, Integer> seen = new HashMap<>();

  void load() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.execute(() -> seen.put("a", 1));
  }
}
