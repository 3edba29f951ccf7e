/**
 * JUnit 5 support for tests against the sandbox: {@link dev.paved.testing.sandbox.SandboxTest}
 * starts (or reuses) one sandbox per test run and gives each test class its own namespace and
 * client.
 */
package dev.paved.testing.sandbox;
