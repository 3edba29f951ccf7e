package dev.paved.core.policy;

import java.util.List;

/** One check over a rendered app. Implementations are stateless and thread-safe. */
public interface Rule {

  String id();

  Severity severity();

  /** What the rule requires, in a few words. */
  String title();

  /** The findings for this app; empty when it complies. Never throws for bad manifests. */
  List<Finding> check(Manifest manifest);
}
