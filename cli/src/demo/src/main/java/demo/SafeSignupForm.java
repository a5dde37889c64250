package demo;

import jakarta.validation.constraints.Size;

public class SafeSignupForm {
  @Size(min = 12, max = 64)
  private String password;

  public String password() {
    return password;
  }
}
