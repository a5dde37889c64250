package demo;

import jakarta.validation.constraints.Size;

public class Signup {
  @Size(min = 12, max = 6)
  private String password;

  public String password() {
    return password;
  }
}
