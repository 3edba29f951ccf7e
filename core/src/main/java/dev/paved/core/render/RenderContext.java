package dev.paved.core.render;

import dev.paved.core.path.GoldenPath;
import java.util.Map;

/**
 * What every object of one render shares.
 *
 * @param path the golden path
 * @param namespace the app's namespace in the environment
 * @param labels the standard labels
 */
record RenderContext(GoldenPath path, String namespace, Map<String, String> labels) {}
