package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * How {@code KeyedStream.sum} adds, one constant per type a sum can have. Chosen when the job is
 * built, so an unsupported type fails there and the per-record path is one virtual call.
 *
 * <p>Each constant takes only the values it can add without losing anything it promises to keep:
 * the integral sums refuse fractional values (a silent truncation would be a wrong total), and
 * the long sum fails on overflow rather than wrapping.
 */
@Internal
public enum SumArithmetic {
  LONG(Long.class) {
    @Override
    Number add(Number sum, Number value) {
      if (!isIntegral(value)) {
        throw notExact(value);
      }
      return Math.addExact(sum == null ? 0 : sum.longValue(), value.longValue());
    }
  },
  DOUBLE(Double.class) {
    @Override
    Number add(Number sum, Number value) {
      return (sum == null ? 0 : sum.doubleValue()) + value.doubleValue();
    }
  },
  BIG_INTEGER(BigInteger.class) {
    @Override
    Number add(Number sum, Number value) {
      BigInteger addend;
      if (value instanceof BigInteger big) {
        addend = big;
      } else if (isIntegral(value)) {
        addend = BigInteger.valueOf(value.longValue());
      } else {
        throw notExact(value);
      }
      return sum == null ? addend : ((BigInteger) sum).add(addend);
    }
  },
  BIG_DECIMAL(BigDecimal.class) {
    @Override
    Number add(Number sum, Number value) {
      BigDecimal addend;
      if (value instanceof BigDecimal big) {
        addend = big;
      } else if (value instanceof BigInteger big) {
        addend = new BigDecimal(big);
      } else if (isIntegral(value)) {
        addend = BigDecimal.valueOf(value.longValue());
      } else if (value instanceof Double || value instanceof Float) {
        // The shortest decimal that reads back as the double (0.1, not 0.1000000000000000055...),
        // which is what the user wrote in the source or the input.
        addend = BigDecimal.valueOf(value.doubleValue());
      } else {
        throw notExact(value);
      }
      return sum == null ? addend : ((BigDecimal) sum).add(addend);
    }
  };

  private final Class<? extends Number> type;

  SumArithmetic(Class<? extends Number> type) {
    this.type = type;
  }

  /** The sum of {@code sum} (null for a key's first value) and {@code value}, of this type. */
  abstract Number add(Number sum, Number value);

  /**
   * The arithmetic of sums of {@code type}.
   *
   * @throws IllegalArgumentException naming the type if sums of it are not supported
   */
  public static SumArithmetic of(Class<?> type) {
    for (SumArithmetic a : values()) {
      if (a.type == type) {
        return a;
      }
    }
    String hint = type == Integer.class || type == Short.class || type == Byte.class
        ? " (sum " + type.getSimpleName() + " values as Long.class)"
        : type == Float.class ? " (sum Float values as Double.class)" : "";
    throw new IllegalArgumentException("cannot sum into " + type.getName() + hint
        + ": a sum is one of " + Arrays.stream(values()).map(a -> a.type.getSimpleName()).toList());
  }

  private static boolean isIntegral(Number value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte;
  }

  final IllegalArgumentException notExact(Number value) {
    return new IllegalArgumentException("cannot add the " + value.getClass().getName() + " "
        + value + " exactly to a " + type.getSimpleName() + " sum");
  }
}
