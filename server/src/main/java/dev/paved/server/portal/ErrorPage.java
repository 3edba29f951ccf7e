package dev.paved.server.portal;

/** A refused or failed page request, said in words, with where to go next. */
public record ErrorPage(String title, String message, String hint, String back) {}
