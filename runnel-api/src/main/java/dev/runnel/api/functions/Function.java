package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;

/**
 * Root of every user function. Functions are {@link Serializable} because the runtime gives each
 * parallel subtask its own copy (by serializing the function once per subtask), so fields a
 * function sets in {@link RichFunction#open} are never shared between threads. A function that
 * captures something that cannot be serialized makes the job fail before it starts, with the
 * operator's name in the message.
 */
@Public
public interface Function extends Serializable {}
