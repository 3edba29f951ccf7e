/**
 * A small REST and form fuzzer for the reliability suite: endpoints read from the server's own
 * OpenAPI document, forms found by crawling the portal, hostile inputs generated from a fixed seed,
 * and every answer held to one rule: no 5xx, no stack trace, no hang.
 */
package dev.paved.server.fuzz;
