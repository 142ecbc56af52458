package org.tusk.sql.schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.sql.types.TypeInput;
import org.tusk.sql.types.TypeOutput;

/**
 * How a value of a composite-typed column (a {@link RecordValue}, or an array of them) is stored: as bytea
 * holding the row's type (OID, name, field names and types) and each field, a nested row or array of rows
 * in the same form, any other value as its type's text written with settings that lose nothing. The bytes
 * describe themselves, so that a stored row reads back without the catalog (as a PostgreSQL composite
 * datum carries its type OID); {@link #retype} then gives it the column's current type description. ALTER
 * TYPE ADD/DROP/RENAME ATTRIBUTE stores the rows of the columns using the type again ({@link #restructure}).
 */
final class RecordStorage {

    private static final byte NULL = 0;
    private static final byte ROW = 1;
    private static final byte ROWS = 2;
    private static final byte TEXT = 3;
    /** Settings under which a field's text reads back as the same value (what stavalues are written with). */
    private static final TypeContext EXACT = org.tusk.sql.stats.ValueTextContext.READING;

    private RecordStorage() {
    }

    /** The stored bytes of a row, or of an array of rows. */
    static byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, value instanceof ArrayValue ? SqlType.RECORD_ARRAY : SqlType.RECORD, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The row, or array of rows, stored as {@code bytes}. */
    static Object decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, SqlType type, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof RecordValue row) {
            out.writeByte(ROW);
            RowType t = row.type();
            out.writeInt(t.typeOid());
            out.writeUTF(t.name() == null ? "" : t.name());
            out.writeShort(t.size());
            for (int i = 0; i < t.size(); i++) {
                out.writeUTF(t.fieldNames().get(i));
                out.writeInt(t.fieldTypes().get(i).oid());
                write(out, t.fieldTypes().get(i), row.get(i));
            }
        } else if (type == SqlType.RECORD_ARRAY) {
            ArrayValue a = (ArrayValue) value;
            out.writeByte(ROWS);
            out.writeByte(a.ndim());
            for (int d = 0; d < a.ndim(); d++) {
                out.writeInt(a.dims()[d]);
                out.writeInt(a.lowerBounds()[d]);
            }
            out.writeInt(a.elements().size());
            for (Object e : a.elements()) {
                write(out, SqlType.RECORD, e);
            }
        } else {
            out.writeByte(TEXT);
            writeString(out, type.isRegType() ? value.toString() : TypeOutput.format(type, value, EXACT));
        }
    }

    private static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case ROW: {
                int typeOid = in.readInt();
                String name = in.readUTF();
                int n = in.readShort();
                List<String> names = new ArrayList<>(n);
                List<SqlType> types = new ArrayList<>(n);
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    names.add(in.readUTF());
                    SqlType t = SqlType.byOid(in.readInt());
                    types.add(t);
                    values[i] = t == SqlType.RECORD || t == SqlType.RECORD_ARRAY ? read(in) : readScalar(in, t);
                }
                return new RecordValue(new RowType(typeOid, name.isEmpty() ? null : name, names, types), values);
            }
            case ROWS: {
                int ndim = in.readByte();
                int[] dims = new int[ndim];
                int[] lower = new int[ndim];
                for (int d = 0; d < ndim; d++) {
                    dims[d] = in.readInt();
                    lower[d] = in.readInt();
                }
                int n = in.readInt();
                List<Object> elements = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    elements.add(read(in));
                }
                return new ArrayValue(dims, lower, elements);
            }
            default:
                throw new IllegalStateException("stored row value has tag " + tag);
        }
    }

    private static Object readScalar(DataInputStream in, SqlType type) throws IOException {
        byte tag = in.readByte();
        if (tag == NULL) {
            return null;
        }
        String text = readString(in);
        return type.isRegType() ? Long.parseLong(text) : TypeInput.parse(type, text, EXACT);
    }

    /**
     * Stored rows (a row or an array of them) of a composite type whose fields ALTER TYPE changed, stored
     * again as rows of {@code type}: field {@code i} of the new row is field {@code from[i]} of the old, or
     * NULL where that is -1 (an added attribute).
     */
    static byte[] restructure(byte[] stored, RowType type, int[] from) {
        return encode(restructure(decode(stored), type, from));
    }

    private static Object restructure(Object value, RowType type, int[] from) {
        if (value instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>(a.elements().size());
            for (Object e : a.elements()) {
                out.add(restructure(e, type, from));
            }
            return a.withElements(out);
        }
        if (!(value instanceof RecordValue row)) {
            return value;
        }
        Object[] values = new Object[type.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = from[i] < 0 || from[i] >= row.size() ? null : row.get(from[i]);
        }
        return new RecordValue(type, values);
    }

    /** UTF-8 with a length word: field values may be longer than writeUTF's 64 kB. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A stored row as a value of the column's row type {@code type}: the same row when its type is that one
     * (the usual case), else its fields matched to the type's by name (ALTER TYPE rewrites the stored rows,
     * {@link #restructure}, so this only gives the row the type's current description, such as the composite
     * types of its own fields), a field the row lacks being NULL.
     */
    static Object retype(Object stored, RowType type) {
        if (stored instanceof ArrayValue a) {
            if (a.elements().stream().allMatch(e -> !(e instanceof RecordValue r) || r.type().equals(type))) {
                return a;
            }
            List<Object> out = new ArrayList<>(a.elements().size());
            for (Object e : a.elements()) {
                out.add(retype(e, type));
            }
            return a.withElements(out);
        }
        if (!(stored instanceof RecordValue row) || type == null || row.type().equals(type)) {
            return stored;
        }
        Object[] values = new Object[type.size()];
        boolean positional = row.type().fieldNames().equals(type.fieldNames());
        for (int i = 0; i < type.size(); i++) {
            int from = positional ? i : row.type().indexOf(type.fieldNames().get(i));
            boolean same = from >= 0 && row.type().fieldTypes().get(from) == type.fieldTypes().get(i);
            values[i] = same ? row.get(from) : null;
        }
        return new RecordValue(type, values);
    }
}
