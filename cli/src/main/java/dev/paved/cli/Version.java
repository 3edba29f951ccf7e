package dev.paved.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"paved " + (version == null ? "development build" : version)};
  }
}
