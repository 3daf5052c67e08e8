package dev.runnel.runtime.exchange;

/**
 * The channel's producer has become idle (no data for a while: do not wait for its watermark) or
 * active again.
 */
public final class WatermarkStatus extends ControlElement {
  public static final WatermarkStatus IDLE = new WatermarkStatus(true);
  public static final WatermarkStatus ACTIVE = new WatermarkStatus(false);

  private final boolean idle;

  private WatermarkStatus(boolean idle) {
    this.idle = idle;
  }

  public static WatermarkStatus of(boolean idle) {
    return idle ? IDLE : ACTIVE;
  }

  public boolean isIdle() {
    return idle;
  }

  @Override
  public String toString() {
    return idle ? "WatermarkStatus(IDLE)" : "WatermarkStatus(ACTIVE)";
  }
}
