package org.tusk.sql.session;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.OidFormats;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CompositeTypes;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.types.RecordFormat;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.sql.types.TypeInput;
import org.tusk.sql.types.TypeOutput;

/**
 * The binary wire format of composite-type values, rowtypes.c's record_send and record_recv: the number of
 * fields (int4), then for each its type's OID (int4), its length (int4, -1 for NULL) and its binary form.
 * The shared codec ({@link BinaryFormats}) works from a value's text alone, which does not say a row's field
 * types; these come from the session's catalog, by the composite type's OID. Anonymous records (OID 2249)
 * have no catalog entry: their binary form is not offered (PostgreSQL refuses their input too).
 */
final class RecordWire {

    private RecordWire() {
    }

    /** The named composite type with this OID, null if it is not one (a built-in type, an unknown OID). */
    static RowType compositeType(Catalog catalog, int typeOid) {
        if (catalog == null || typeOid == RowType.RECORD_OID || SqlType.byOid(typeOid) != null) {
            return null;
        }
        return CompositeTypes.byOid(catalog, typeOid);
    }

    /** record_send of a value given as record_out's text. */
    static byte[] send(String text, RowType type, Catalog catalog, TypeContext ctx) {
        return send(RecordFormat.input(text, type, ctx), catalog, ctx);
    }

    private static byte[] send(RecordValue row, Catalog catalog, TypeContext ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).putInt(row.size()).array());
        RowType type = row.type();
        for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            SqlType t = row.fieldType(i);
            byte[] bytes;
            int oid;
            if (t == SqlType.RECORD) {
                RowType nested = v instanceof RecordValue r ? r.type() : type.fieldRowType(i);
                oid = nested == null ? RowType.RECORD_OID : nested.typeOid();
                bytes = v == null ? null : send((RecordValue) v, catalog, ctx);
            } else if (t == SqlType.RECORD_ARRAY || !BinaryFormats.supports(t.oid())) {
                throw new SqlException("0A000", "binary format for a field of type " + t.displayName()
                        + " is not supported yet");
            } else {
                oid = t.oid();
                bytes = v == null ? null : t.isRegType() ? OidFormats.regSend(((Number) v).longValue())
                        : BinaryFormats.fromText(oid, TypeOutput.format(t, v, ctx));
            }
            out.writeBytes(ByteBuffer.allocate(8).putInt(oid).putInt(bytes == null ? -1 : bytes.length).array());
            if (bytes != null) {
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    /**
     * record_recv: the row the bytes hold, as record_out's text. Each field must be of the type's field type
     * (42804 otherwise, as PostgreSQL checks).
     *
     * @throws IllegalArgumentException if the bytes are not a record's binary form (22P03 for the caller)
     */
    static String receive(byte[] value, RowType type, Catalog catalog, TypeContext ctx) {
        return RecordFormat.output(receive(ByteBuffer.wrap(value), type, catalog, ctx), ctx);
    }

    private static RecordValue receive(ByteBuffer b, RowType type, Catalog catalog, TypeContext ctx) {
        try {
            int n = b.getInt();
            if (n != type.size()) {
                throw new SqlException("42804", "wrong number of columns: " + n + ", expected " + type.size());
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                int oid = b.getInt();
                SqlType t = type.fieldTypes().get(i);
                RowType nested = type.fieldRowType(i);
                int expected = t == SqlType.RECORD && nested != null ? nested.typeOid() : t.oid();
                if (oid != expected) {
                    throw new SqlException("42804", "wrong data type: " + Integer.toUnsignedString(oid)
                            + ", expected " + expected);
                }
                int len = b.getInt();
                if (len < -1 || len > b.remaining()) {
                    throw new IllegalArgumentException("bad field length");
                }
                if (len == -1) {
                    continue;
                }
                byte[] bytes = new byte[len];
                b.get(bytes);
                if (t == SqlType.RECORD && nested != null) {
                    values[i] = receive(ByteBuffer.wrap(bytes), nested, catalog, ctx);
                } else if (t == SqlType.RECORD || t == SqlType.RECORD_ARRAY || !BinaryFormats.supports(oid)) {
                    throw new SqlException("0A000", "binary format for a field of type " + t.displayName()
                            + " is not supported yet");
                } else {
                    values[i] = t.isRegType() ? Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt())
                            : TypeInput.parse(t, BinaryFormats.toText(oid, bytes), ctx);
                }
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new RecordValue(type, values);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("record too short", e);
        }
    }
}
