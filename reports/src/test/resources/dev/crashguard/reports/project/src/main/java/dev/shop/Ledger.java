package dev.shop;

import java.util.HashMap;
import java.util.Map;

/** Keeps totals per account. */
public class Ledger {
  private final Map<String, Long> totals = new HashMap<>();
  private String lastAccount;

  public void post(String account, long amount) {
    new Thread(() -> totals.merge(account, amount, Long::sum)).start();
  }

  public boolean sameAs(String account) {
    return account == "main";
  }
}
