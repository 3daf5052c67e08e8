package dev.runnel.runtime.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A list state on the heap: the table maps (key, namespace) to an {@link ArrayList} that the state
 * owns (lists passed in are copied). A key with no elements has no mapping at all.
 */
final class HeapListState<N, T> extends AbstractHeapState<N, ArrayList<T>>
    implements InternalListState<N, T> {
  HeapListState(KeyContext keys) {
    super(keys);
  }

  @Override
  public List<T> get() {
    ArrayList<T> list = table.get(namespace);
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  @Override
  public void add(T value) {
    Objects.requireNonNull(value, "list state does not accept null elements");
    ArrayList<T> list = table.get(namespace);
    if (list == null) {
      list = new ArrayList<>();
      table.put(namespace, list);
    }
    list.add(value);
  }

  @Override
  public void addAll(List<T> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    checkNoNulls(values);
    ArrayList<T> list = table.get(namespace);
    if (list == null) {
      table.put(namespace, new ArrayList<>(values));
    } else {
      list.addAll(values);
    }
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      table.remove(namespace);
      return;
    }
    checkNoNulls(values);
    table.put(namespace, new ArrayList<>(values));
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    ArrayList<T> merged = table.get(target);
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      ArrayList<T> list = table.remove(source);
      if (list == null) {
        continue;
      }
      if (merged == null) {
        merged = list;
        table.put(target, merged);
      } else {
        merged.addAll(list);
      }
    }
  }

  private static void checkNoNulls(List<?> values) {
    for (Object v : values) {
      Objects.requireNonNull(v, "list state does not accept null elements");
    }
  }
}
