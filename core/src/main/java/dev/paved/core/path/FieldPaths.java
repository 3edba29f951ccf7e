package dev.paved.core.path;

import java.util.regex.Pattern;

/**
 * Field paths as {@code paved explain} prints and accepts them: {@code a.b[0].c}, with keys that
 * are not simple names quoted, e.g. {@code nodeSelector['nvidia.com/gpu.product']}.
 */
public final class FieldPaths {

  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private FieldPaths() {}

  public static String child(String parent, String key) {
    if (!SIMPLE.matcher(key).matches()) {
      return parent + "['" + key.replace("'", "\\'") + "']";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
