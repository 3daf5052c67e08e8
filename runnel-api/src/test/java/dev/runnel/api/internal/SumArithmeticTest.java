package dev.runnel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.StreamEnvironment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SumArithmeticTest {
  @Test
  void when_typeIsSupported_then_itsArithmeticIsChosen() {
    assertThat(SumArithmetic.of(Long.class)).isEqualTo(SumArithmetic.LONG);
    assertThat(SumArithmetic.of(Double.class)).isEqualTo(SumArithmetic.DOUBLE);
    assertThat(SumArithmetic.of(BigInteger.class)).isEqualTo(SumArithmetic.BIG_INTEGER);
    assertThat(SumArithmetic.of(BigDecimal.class)).isEqualTo(SumArithmetic.BIG_DECIMAL);
  }

  @Test
  void when_sumTypeIsUnsupported_then_buildingTheJobFailsNamingIt() {
    var keyed = StreamEnvironment.create().fromElements(1, 2, 3).keyBy(x -> x % 2);
    assertThatThrownBy(() -> keyed.sum(Integer.class, x -> x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Integer")
        .hasMessageContaining("Long.class");
    assertThatThrownBy(() -> keyed.sum(AtomicLong.class, AtomicLong::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.util.concurrent.atomic.AtomicLong")
        .hasMessageContaining("[Long, Double, BigInteger, BigDecimal]");
  }

  @Test
  void when_longsSumBeyondTwoToThe53_then_exact() {
    long big = (1L << 53) + 1; // the first long a double cannot hold
    Number sum = SumArithmetic.LONG.add(null, big);
    sum = SumArithmetic.LONG.add(sum, 2);
    assertThat(sum).isEqualTo((1L << 53) + 3);
  }

  @Test
  void when_longSumOverflows_then_fails() {
    assertThatThrownBy(() -> SumArithmetic.LONG.add(Long.MAX_VALUE, 1))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void when_fractionIsAddedToIntegralSum_then_failsNamingIt() {
    assertThatThrownBy(() -> SumArithmetic.LONG.add(1L, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Double 0.5")
        .hasMessageContaining("Long sum");
    assertThatThrownBy(() -> SumArithmetic.BIG_INTEGER.add(null, new BigDecimal("1.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BigInteger sum");
  }

  @Test
  void when_intsAreSummedAsLongs_then_noIntOverflow() {
    Number sum = SumArithmetic.LONG.add(null, Integer.MAX_VALUE);
    assertThat(SumArithmetic.LONG.add(sum, Integer.MAX_VALUE)).isEqualTo(2L * Integer.MAX_VALUE);
  }

  @Test
  void when_doublesAreSummedAsBigDecimal_then_asTheDecimalsTheyPrintAs() {
    Number sum = null;
    for (int i = 0; i < 10; i++) {
      sum = SumArithmetic.BIG_DECIMAL.add(sum, 0.1);
    }
    assertThat(sum).isEqualTo(new BigDecimal("1.0"));
  }

  @Test
  void when_bigIntegersAndLongsAreMixed_then_exact() {
    BigInteger huge = BigInteger.TWO.pow(80);
    Number sum = SumArithmetic.BIG_INTEGER.add(null, huge);
    assertThat(SumArithmetic.BIG_INTEGER.add(sum, 5L)).isEqualTo(huge.add(BigInteger.valueOf(5)));
  }

  @Test
  void when_doubleSum_then_floatsAndIntsWiden() {
    Number sum = SumArithmetic.DOUBLE.add(null, 1.5f);
    assertThat(SumArithmetic.DOUBLE.add(sum, 2)).isEqualTo(3.5);
  }
}
