package dev.runnel.runtime.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A list state with time-to-live per element: a heap list state of {@link TtlValue}s. {@link #get()}
 * drops the expired elements from the state (returning them that once with {@code
 * ReturnExpiredIfNotCleanedUp}) and, with {@code OnReadAndWrite}, restamps the live ones. Merging
 * keeps each element's own timestamp.
 */
final class TtlListState<N, T> implements InternalListState<N, T>, TtlState {
  private final HeapListState<N, TtlValue<T>> inner;
  private final TtlPolicy policy;

  TtlListState(KeyContext keys, TtlPolicy policy) {
    this.inner = new HeapListState<>(keys);
    this.policy = policy;
  }

  @Override
  public List<T> get() {
    ArrayList<TtlValue<T>> stored = inner.getInternal();
    if (stored == null) {
      return List.of();
    }
    long now = policy.now();
    ArrayList<T> result = new ArrayList<>(stored.size());
    ArrayList<TtlValue<T>> live = null;
    for (int i = 0; i < stored.size(); i++) {
      TtlValue<T> element = stored.get(i);
      boolean expired = policy.isExpired(element, now);
      if (!expired || policy.returnExpired()) {
        result.add(element.userValue());
      }
      if (live == null && (expired || policy.updateOnRead())) {
        // The state changes. The elements before i were live and unchanged (with update-on-read,
        // this happens at i = 0).
        live = new ArrayList<>(stored.subList(0, i));
      }
      if (live != null && !expired) {
        live.add(policy.updateOnRead() ? policy.wrap(element.userValue(), now) : element);
      }
    }
    if (live != null) {
      inner.updateInternal(live.isEmpty() ? null : live);
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public void add(T value) {
    Objects.requireNonNull(value, "list state does not accept null elements");
    inner.add(policy.wrap(value, policy.now()));
  }

  @Override
  public void addAll(List<T> values) {
    if (values != null && !values.isEmpty()) {
      inner.addAll(wrapAll(values));
    }
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      inner.clear();
    } else {
      inner.update(wrapAll(values));
    }
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    inner.mergeNamespaces(target, sources);
  }

  @Override
  public void clear() {
    inner.clear();
  }

  @Override
  public void setCurrentNamespace(N namespace) {
    inner.setCurrentNamespace(namespace);
  }

  @Override
  public N currentNamespace() {
    return inner.currentNamespace();
  }

  @Override
  public long cleanupExpired(long now) {
    long[] removed = {0};
    inner.table().transformAll((key, namespace, list) -> {
      int before = list.size();
      list.removeIf(e -> policy.isExpired(e, now));
      removed[0] += before - list.size();
      return list.isEmpty() ? null : list;
    });
    return removed[0];
  }

  private List<TtlValue<T>> wrapAll(List<T> values) {
    long now = policy.now();
    List<TtlValue<T>> wrapped = new ArrayList<>(values.size());
    for (T v : values) {
      wrapped.add(policy.wrap(Objects.requireNonNull(v, "list state does not accept null elements"), now));
    }
    return wrapped;
  }
  @Override
  public StateTable<?, ?> table() {
    return inner.table();
  }
}
