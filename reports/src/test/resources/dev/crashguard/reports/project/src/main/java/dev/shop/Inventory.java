package dev.shop;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Counts stock from tasks run on a pool. */
public class Inventory {
  private final Map<String, Integer> stock = new HashMap<>();
  private int unused;

  void restock(ExecutorService pool, String item) {
    pool.execute(() -> stock.merge(item, 1, Integer::sum));
  }

  void sell(ExecutorService pool, String item) {
    pool.execute(() -> stock.remove(item));
  }
}
