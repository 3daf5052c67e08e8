package dev.runnel.cep;

/** The compositions {@link Pattern#where} builds; serializable with the pattern. */
final class Conditions {
  private Conditions() {}

  static <T> IterativeCondition<T> of(SimpleCondition<T> simple) {
    return new Simple<>(simple);
  }

  /** {@code first} and {@code second}, or {@code second} alone when there is no first. */
  static <T> IterativeCondition<T> and(IterativeCondition<T> first, IterativeCondition<T> second) {
    return first == null ? second : new And<>(first, second);
  }

  /** {@code first} or {@code second}, or {@code second} alone when there is no first. */
  static <T> IterativeCondition<T> or(IterativeCondition<T> first, IterativeCondition<T> second) {
    return first == null ? second : new Or<>(first, second);
  }

  private record Simple<T>(SimpleCondition<T> condition) implements IterativeCondition<T> {
    @Override
    public boolean filter(T value, Context<T> ctx) throws Exception {
      return condition.filter(value);
    }
  }

  private record And<T>(IterativeCondition<T> first, IterativeCondition<T> second)
      implements IterativeCondition<T> {
    @Override
    public boolean filter(T value, Context<T> ctx) throws Exception {
      return first.filter(value, ctx) && second.filter(value, ctx);
    }
  }

  private record Or<T>(IterativeCondition<T> first, IterativeCondition<T> second)
      implements IterativeCondition<T> {
    @Override
    public boolean filter(T value, Context<T> ctx) throws Exception {
      return first.filter(value, ctx) || second.filter(value, ctx);
    }
  }
}
