package dev.runnel.runtime.serialization;

import dev.runnel.api.window.GlobalWindow;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.runtime.state.VoidNamespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the objects that live in state (keys, namespaces, values, timers, split positions) into
 * bytes and back, for checkpoints and for the RocksDB backend. Each value starts with a one-byte
 * tag; common types (boxed primitives, strings, byte arrays, decimals, windows, {@link ArrayList},
 * {@link HashMap}, enums and Java records, recursively) have a compact form of their own, and any
 * other {@link Serializable} object falls back to Java serialization.
 *
 * <p>The bytes of equal values of the compact types are equal, which the RocksDB backend relies on
 * for its keys. Stateless and thread-safe.
 */
public final class ObjectSerializer {
  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int LONG = 2;
  private static final int INT = 3;
  private static final int DOUBLE = 4;
  private static final int BOOLEAN = 5;
  private static final int BYTES = 6;
  private static final int DECIMAL = 7;
  private static final int FLOAT = 8;
  private static final int SHORT = 9;
  private static final int BYTE = 10;
  private static final int CHAR = 11;
  private static final int JAVA = 12;
  private static final int RECORD = 13;
  private static final int ARRAY_LIST = 14;
  private static final int HASH_MAP = 15;
  private static final int LONGS = 16;
  private static final int ENUM = 17;
  private static final int BIG_INTEGER = 18;
  private static final int TIME_WINDOW = 19;
  private static final int GLOBAL_WINDOW = 20;
  private static final int VOID_NAMESPACE = 21;

  private static final Map<Class<?>, RecordShape> RECORDS = new ConcurrentHashMap<>();

  private ObjectSerializer() {}

  public static void write(DataOutput out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (value instanceof byte[] bytes) {
      out.writeByte(BYTES);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (value instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      out.writeInt(d.scale());
      byte[] unscaled = d.unscaledValue().toByteArray();
      out.writeInt(unscaled.length);
      out.write(unscaled);
    } else if (value instanceof BigInteger i) {
      out.writeByte(BIG_INTEGER);
      byte[] bytes = i.toByteArray();
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (value instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeFloat(f);
    } else if (value instanceof Short s) {
      out.writeByte(SHORT);
      out.writeShort(s);
    } else if (value instanceof Byte b) {
      out.writeByte(BYTE);
      out.writeByte(b);
    } else if (value instanceof Character c) {
      out.writeByte(CHAR);
      out.writeChar(c);
    } else if (value instanceof long[] longs) {
      out.writeByte(LONGS);
      out.writeInt(longs.length);
      for (long l : longs) {
        out.writeLong(l);
      }
    } else if (value instanceof TimeWindow w) {
      out.writeByte(TIME_WINDOW);
      out.writeLong(w.start());
      out.writeLong(w.end());
    } else if (value instanceof GlobalWindow) {
      out.writeByte(GLOBAL_WINDOW);
    } else if (value instanceof VoidNamespace) {
      out.writeByte(VOID_NAMESPACE);
    } else if (value.getClass() == ArrayList.class) {
      ArrayList<?> list = (ArrayList<?>) value;
      out.writeByte(ARRAY_LIST);
      out.writeInt(list.size());
      for (Object o : list) {
        write(out, o);
      }
    } else if (value.getClass() == HashMap.class) {
      HashMap<?, ?> map = (HashMap<?, ?>) value;
      out.writeByte(HASH_MAP);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        write(out, e.getKey());
        write(out, e.getValue());
      }
    } else if (value instanceof Enum<?> e) {
      out.writeByte(ENUM);
      writeString(out, e.getDeclaringClass().getName());
      writeString(out, e.name());
    } else if (value.getClass().isRecord()) {
      out.writeByte(RECORD);
      RecordShape shape = shapeOf(value.getClass());
      writeString(out, value.getClass().getName());
      for (RecordComponent c : shape.components) {
        try {
          write(out, c.getAccessor().invoke(value));
        } catch (ReflectiveOperationException e) {
          throw new IOException("cannot read component " + c.getName() + " of " + value.getClass(), e);
        }
      }
    } else if (value instanceof Serializable) {
      out.writeByte(JAVA);
      byte[] bytes = javaSerialize(value);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else {
      throw new NotSerializableException(value.getClass().getName()
          + " cannot be stored in state or checkpoints: make it a record, or Serializable");
    }
  }

  public static Object read(DataInput in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return readString(in);
      case LONG:
        return in.readLong();
      case INT:
        return in.readInt();
      case DOUBLE:
        return in.readDouble();
      case BOOLEAN:
        return in.readBoolean();
      case BYTES: {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
      }
      case DECIMAL: {
        int scale = in.readInt();
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new BigDecimal(new BigInteger(b), scale);
      }
      case BIG_INTEGER: {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new BigInteger(b);
      }
      case FLOAT:
        return in.readFloat();
      case SHORT:
        return in.readShort();
      case BYTE:
        return in.readByte();
      case CHAR:
        return in.readChar();
      case LONGS: {
        long[] longs = new long[in.readInt()];
        for (int i = 0; i < longs.length; i++) {
          longs[i] = in.readLong();
        }
        return longs;
      }
      case TIME_WINDOW:
        return new TimeWindow(in.readLong(), in.readLong());
      case GLOBAL_WINDOW:
        return GlobalWindow.get();
      case VOID_NAMESPACE:
        return VoidNamespace.INSTANCE;
      case ARRAY_LIST: {
        int n = in.readInt();
        ArrayList<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(read(in));
        }
        return list;
      }
      case HASH_MAP: {
        int n = in.readInt();
        HashMap<Object, Object> map = new HashMap<>(Math.max(16, n * 2));
        for (int i = 0; i < n; i++) {
          map.put(read(in), read(in));
        }
        return map;
      }
      case ENUM:
        return readEnum(readString(in), readString(in));
      case RECORD:
        return readRecord(in);
      case JAVA: {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return javaDeserialize(b);
      }
      default:
        throw new IOException("corrupt state: unknown value tag " + tag);
    }
  }

  /** The bytes of {@code value}; for keys and values of the RocksDB backend. */
  public static byte[] toBytes(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try {
      write(new DataOutputStream(bytes), value);
    } catch (IOException e) {
      throw new StateSerializationException(e);
    }
    return bytes.toByteArray();
  }

  /** The value of bytes made by {@link #toBytes}. */
  public static Object fromBytes(byte[] bytes) {
    try {
      return read(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new StateSerializationException(e);
    }
  }

  private static void writeString(DataOutput out, String s) throws IOException {
    // writeUTF is limited to 64 KB; state strings may be longer.
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInput in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object readEnum(String className, String name) throws IOException {
    return Enum.valueOf((Class) load(className), name);
  }

  private static Object readRecord(DataInput in) throws IOException {
    RecordShape shape = shapeOf(load(readString(in)));
    Object[] args = new Object[shape.components.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = read(in);
    }
    try {
      return shape.constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot rebuild record " + shape.constructor.getDeclaringClass(), e);
    }
  }

  private static RecordShape shapeOf(Class<?> type) {
    return RECORDS.computeIfAbsent(type, RecordShape::new);
  }

  private static Class<?> load(String name) throws IOException {
    try {
      return Class.forName(name, false, classLoader());
    } catch (ClassNotFoundException e) {
      throw new IOException("state refers to class " + name + ", which is not on the classpath", e);
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ObjectSerializer.class.getClassLoader();
  }

  private static byte[] javaSerialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object javaDeserialize(byte[] bytes) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException,
          ClassNotFoundException {
        try {
          return Class.forName(desc.getName(), false, classLoader());
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
    }) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("state refers to a class that is not on the classpath", e);
    }
  }

  /** A record's components and canonical constructor, found once per class. */
  private static final class RecordShape {
    final RecordComponent[] components;
    final Constructor<?> constructor;

    RecordShape(Class<?> type) {
      components = type.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        components[i].getAccessor().setAccessible(true);
      }
      try {
        constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + type + " has no canonical constructor", e);
      }
    }
  }
}
