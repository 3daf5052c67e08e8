package dev.runnel.nexmark.model;

import java.io.Serializable;

/**
 * A person who registered to sell or bid.
 *
 * @param id unique id, from {@code GeneratorConfig.firstPersonId()} on
 * @param name first and last name
 * @param emailAddress e-mail address
 * @param creditCard sixteen digits in four groups of four, separated by spaces
 * @param city city
 * @param state two-letter US state code
 * @param dateTime registration time, epoch milliseconds of event time
 * @param extra padding that brings the record to its configured average size
 */
public record Person(long id, String name, String emailAddress, String creditCard, String city,
    String state, long dateTime, String extra) implements Serializable {
}
