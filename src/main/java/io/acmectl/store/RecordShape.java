package io.acmectl.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * One record type of the store as JSON: its components' keys (kebab-case, as databind's KEBAB_CASE makes
 * them) in their order, their types, accessors and the canonical constructor, and whether nulls are left
 * out ({@code @JsonInclude(NON_NULL)}). Worked out once per type for {@link RecordReader} and
 * {@link RecordWriter}: a batch reads and writes hundreds of records.
 */
final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    final Class<?> type;
    final SerializedString[] keys;
    final Type[] types;
    final boolean skipNulls;
    private final Class<?>[] raws;
    private final Method[] accessors;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Constructor<?> constructor;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        keys = new SerializedString[components.length];
        types = new Type[components.length];
        raws = new Class<?>[components.length];
        accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = kebab(components[i].getName());
            keys[i] = new SerializedString(key);
            indexOf.put(key, i);
            types[i] = components[i].getGenericType();
            raws[i] = components[i].getType();
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
        }
        JsonInclude include = type.getAnnotation(JsonInclude.class);
        skipNulls = include != null && include.value() == JsonInclude.Include.NON_NULL;
        try {
            constructor = type.getDeclaredConstructor(raws);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException cannotHappen) {
            throw new IllegalStateException("a record without its canonical constructor: " + type, cannotHappen);
        }
    }

    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    /** The index of the component written under {@code key}; null for a key this version does not know. */
    Integer indexOf(String key) {
        return indexOf.get(key);
    }

    /** Component {@code index} of {@code record}. */
    Object value(Object record, int index) {
        try {
            return accessors[index].invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessors[index] + " of a store record", e);
        }
    }

    /** The values of a document with none of its keys: null, or 0 and false. */
    Object[] defaults() {
        Object[] values = new Object[raws.length];
        for (int i = 0; i < raws.length; i++) {
            values[i] = raws[i].isPrimitive() ? zero(raws[i]) : null;
        }
        return values;
    }

    Object create(Object[] values) throws IOException {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            // A record that checks its values refused them: the document is wrong, as databind says too.
            throw new IOException("cannot make a " + type.getSimpleName() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        }
    }

    static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        return primitive == long.class ? (Object) 0L : (Object) 0;
    }

    /**
     * {@code ariWindowStart} → {@code ari-window-start}; a run of capitals is one word ({@code caURL} →
     * {@code ca-url}), as databind's KEBAB_CASE has it.
     */
    static String kebab(String name) {
        StringBuilder key = new StringBuilder(name.length() + 4);
        boolean previousUpper = false;
        for (char c : name.toCharArray()) {
            boolean upper = Character.isUpperCase(c);
            if (upper && !previousUpper && key.length() > 0 && key.charAt(key.length() - 1) != '-') {
                key.append('-');
            }
            key.append(upper ? Character.toLowerCase(c) : c);
            previousUpper = upper;
        }
        return key.toString();
    }
}
