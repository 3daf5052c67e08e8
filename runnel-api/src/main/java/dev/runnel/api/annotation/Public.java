package dev.runnel.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that users program against. Its signature stays compatible within a major version;
 * an architecture test checks that every public type of {@code dev.runnel.api} carries it or
 * {@link Internal}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Public {}
