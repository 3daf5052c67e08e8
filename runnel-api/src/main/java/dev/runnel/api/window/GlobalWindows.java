package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.util.Collection;
import java.util.List;

/**
 * Puts every element of a key into the one {@link GlobalWindow}. Its default trigger never fires,
 * so set one: {@code countWindow(n)} is this assigner with a purging {@link CountTrigger}.
 *
 * <pre>{@code
 * stream.keyBy(Order::userId).window(GlobalWindows.create()).trigger(CountTrigger.of(10))
 * }</pre>
 */
@Public
public final class GlobalWindows extends WindowAssigner<Object, GlobalWindow> {
  private static final long serialVersionUID = 1L;
  private static final List<GlobalWindow> ONLY = List.of(GlobalWindow.get());

  private GlobalWindows() {}

  public static GlobalWindows create() {
    return new GlobalWindows();
  }

  @Override
  public Collection<GlobalWindow> assignWindows(Object element, long timestamp, Context context) {
    return ONLY;
  }

  @Override
  public Trigger<Object, GlobalWindow> getDefaultTrigger() {
    return new NeverTrigger();
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "GlobalWindows";
  }

  /** The default trigger of the global window: it never fires. */
  private static final class NeverTrigger extends Trigger<Object, GlobalWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public TriggerResult onElement(Object e, long timestamp, GlobalWindow w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(GlobalWindow window, TriggerContext ctx) {}
  }
}
