/**
 * The platform: golden paths, targets and teams, from the built-ins shipped in the jar overridden
 * by a {@code platform/} folder ({@code paths/}, {@code targets/}, {@code teams/}).
 */
package dev.paved.core.platform;
