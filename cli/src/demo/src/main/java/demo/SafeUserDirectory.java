package demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public class SafeUserDirectory {
  private final Map<String, String> emails = new HashMap<>();

  public void register(String user, String email) {
    emails.put(user, email);
  }

  public Optional<String> email(String user) {
    return Optional.ofNullable(emails.get(user));
  }

  public Optional<String> domain(String address) {
    if (!address.contains("@")) {
      return Optional.empty();
    }
    return Optional.of(address.substring(address.indexOf('@') + 1));
  }
}
