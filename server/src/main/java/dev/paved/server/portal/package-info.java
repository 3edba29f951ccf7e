/**
 * The portal: server-rendered pages (jte templates under {@code src/main/jte}) with htmx for the
 * parts that update in place. Every page reads without JavaScript; writes are plain forms that
 * carry the session's CSRF token. Pages use the same services and the same access rules as the API.
 */
package dev.paved.server.portal;
