package dev.paved.reliability;

/** The sections of the report, in its order. */
public enum Area {
  FAULTS("Faults injected"),
  FUZZING("Bad input fuzzed"),
  SECURITY("Security"),
  LOAD("Load");

  private final String title;

  Area(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
