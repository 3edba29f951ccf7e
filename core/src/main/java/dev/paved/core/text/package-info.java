/** Small text helpers for messages: suggestions, name rules. */
package dev.paved.core.text;
