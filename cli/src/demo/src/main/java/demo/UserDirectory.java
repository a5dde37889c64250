package demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public class UserDirectory {
  private final Map<String, String> emails = new HashMap<>();

  public void register(String user, String email) {
    emails.put(user, email);
  }

  public Optional<String> email(String user) {
    return Optional.of(emails.get(user));
  }

  public Optional<String> domain(String address) {
    if (!address.contains("@")) {
      return null;
    }
    return Optional.of(address.substring(address.indexOf('@') + 1));
  }
}
