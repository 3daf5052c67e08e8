/**
 * Test harnesses for Runnel programs, shipped to users (as Kafka Streams ships its {@code
 * TopologyTestDriver}) and used for Runnel's own tests.
 *
 * <ul>
 *   <li>{@link dev.runnel.test.JobTester} runs a pipeline as a real job, on the real runtime, over
 *       a list of input records, and hands back its main output, side outputs and counters.
 *   <li>{@link dev.runnel.test.OneInputOperatorHarness} drives one operator directly, on the
 *       caller's thread, with no queues: each call is one element, one watermark or one lifecycle
 *       step, and everything the operator emits is recorded.
 *   <li>{@link dev.runnel.test.TwoInputOperatorHarness} does the same for a two-input operator
 *       (connected streams, interval join), with elements and watermarks per input.
 *   <li>{@link dev.runnel.test.OperatorVerifier} runs an operator over an input many times, in the
 *       ways a job may run it (restored after every element, rescaled, split over subtasks, with
 *       watermarks moved, on every state backend), and asserts the same output each time.
 * </ul>
 *
 * <p>None depends on a test framework; use them with any.
 */
package dev.runnel.test;
