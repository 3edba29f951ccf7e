/**
 * In-memory fakes of the ports in front of real parts, for unit tests that need no sandbox: a
 * cluster the sync loop sends apps to ({@link dev.paved.testing.fakes.FakeSyncTarget}).
 */
package dev.paved.testing.fakes;
