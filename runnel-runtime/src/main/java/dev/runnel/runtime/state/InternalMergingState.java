package dev.runnel.runtime.state;

import java.util.Collection;

/**
 * A keyed state whose values in several namespaces can be merged into one, as when session
 * windows merge.
 *
 * @param <N> namespace type
 */
public interface InternalMergingState<N> extends InternalKvState<N> {
  /**
   * For the current key, merges the values of every namespace in {@code sources} into {@code
   * target} (concatenating lists, reducing, or merging accumulators) and removes them from the
   * sources. A source equal to {@code target} is skipped; sources without a value are ignored. The
   * current namespace is not changed.
   */
  void mergeNamespaces(N target, Collection<N> sources) throws Exception;
}
