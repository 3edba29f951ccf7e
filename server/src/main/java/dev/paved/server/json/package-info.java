/**
 * The one JSON mapping of the server ({@link dev.paved.server.json.JsonMapping}): for the API, the
 * event stream and the stored sync history alike, depending on none of them.
 */
package dev.paved.server.json;
