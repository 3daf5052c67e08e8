/** Checkpoints, restore and restarts: how a job survives failures with exactly-once results. */
package dev.runnel.api.checkpoint;
