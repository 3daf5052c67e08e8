package dev.runnel.runtime.task;

import dev.runnel.api.InvalidJobException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Gives each subtask its own copy of a user function by serializing it once and deserializing it
 * per subtask, so fields set in {@code open()} are never shared between threads (as in Flink).
 */
public final class FunctionCopier {
  private FunctionCopier() {}

  /** Serializes {@code function} once; the result makes as many copies as needed. */
  public static <F extends Serializable> Copies<F> of(F function, String operatorName) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(function);
      }
      @SuppressWarnings("unchecked")
      Class<F> type = (Class<F>) function.getClass();
      return new Copies<>(bytes.toByteArray(), type.getClassLoader(), operatorName);
    } catch (IOException e) {
      throw new InvalidJobException("the function of '" + operatorName + "' cannot be copied to its "
          + "parallel subtasks: " + e + ". Functions must be serializable: make captured objects "
          + "Serializable, or create them in open(...) and mark the field transient", e);
    }
  }

  /** A serialized function that can be turned into fresh copies. */
  public static final class Copies<F> {
    private final byte[] bytes;
    private final ClassLoader loader;
    private final String operatorName;

    private Copies(byte[] bytes, ClassLoader loader, String operatorName) {
      this.bytes = bytes;
      this.loader = loader != null ? loader : Thread.currentThread().getContextClassLoader();
      this.operatorName = operatorName;
    }

    @SuppressWarnings("unchecked")
    public F newCopy() {
      try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
        return (F) in.readObject();
      } catch (IOException | ClassNotFoundException e) {
        throw new InvalidJobException(
            "the function of '" + operatorName + "' cannot be copied to its subtasks: " + e, e);
      }
    }
  }

  /** Resolves classes with the function's own class loader, which sees the user's classes. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
