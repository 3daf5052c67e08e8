package dev.runnel.cep;

import java.io.Serializable;

/** A test event: {@code id} names it in match descriptions. */
public record Ev(String key, int id, char kind, int value) implements Serializable {}
