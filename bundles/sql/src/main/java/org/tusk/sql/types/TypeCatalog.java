package org.tusk.sql.types;

import java.util.Map;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.TypeName;

/** Resolves written type names (already mapped from SQL-standard spellings by the grammar). */
public final class TypeCatalog {
    private static final Map<String, SqlType> BY_NAME = Map.ofEntries(Map.entry("bool", SqlType.BOOL),
            Map.entry("int2", SqlType.INT2), Map.entry("int4", SqlType.INT4), Map.entry("int8", SqlType.INT8),
            Map.entry("numeric", SqlType.NUMERIC), Map.entry("float4", SqlType.FLOAT4),
            Map.entry("float8", SqlType.FLOAT8), Map.entry("text", SqlType.TEXT),
            Map.entry("varchar", SqlType.VARCHAR), Map.entry("bpchar", SqlType.BPCHAR),
            Map.entry("name", SqlType.NAME), Map.entry("date", SqlType.DATE),
            Map.entry("timestamp", SqlType.TIMESTAMP), Map.entry("timestamptz", SqlType.TIMESTAMPTZ),
            Map.entry("time", SqlType.TIME), Map.entry("interval", SqlType.INTERVAL),
            Map.entry("timetz", SqlType.TIMETZ),
            Map.entry("uuid", SqlType.UUID), Map.entry("bytea", SqlType.BYTEA), Map.entry("oid", SqlType.OID),
            Map.entry("regclass", SqlType.REGCLASS), Map.entry("regproc", SqlType.REGPROC),
            Map.entry("regtype", SqlType.REGTYPE), Map.entry("regnamespace", SqlType.REGNAMESPACE),
            Map.entry("regprocedure", SqlType.REGPROCEDURE), Map.entry("regrole", SqlType.REGROLE),
            Map.entry("json", SqlType.JSON), Map.entry("jsonb", SqlType.JSONB),
            Map.entry("jsonpath", SqlType.JSONPATH),
            Map.entry("refcursor", SqlType.REFCURSOR),
            Map.entry("inet", SqlType.INET), Map.entry("cidr", SqlType.CIDR), Map.entry("macaddr", SqlType.MACADDR),
            Map.entry("macaddr8", SqlType.MACADDR8), Map.entry("bit", SqlType.BIT), Map.entry("varbit", SqlType.VARBIT),
            Map.entry("unknown", SqlType.UNKNOWN), Map.entry("void", SqlType.VOID),
            Map.entry("record", SqlType.RECORD),
            Map.entry("trigger", SqlType.TRIGGER),
            Map.entry("int4range", SqlType.INT4RANGE), Map.entry("int8range", SqlType.INT8RANGE),
            Map.entry("numrange", SqlType.NUMRANGE), Map.entry("tsrange", SqlType.TSRANGE),
            Map.entry("tstzrange", SqlType.TSTZRANGE), Map.entry("daterange", SqlType.DATERANGE),
            // The one-byte "char" (quoted; bare char is bpchar): its values are kept as text here, as the
            // catalogs' "char" columns are (CatalogStorage), so 'r'::"char" compares with relkind.
            Map.entry("char", SqlType.TEXT));

    /** A resolved type with its modifier. */
    public record Resolved(SqlType type, int typmod) {
    }

    private TypeCatalog() {
    }

    public static Resolved resolve(TypeName name) {
        SqlType type = null;
        if (name.names().size() == 1 || (name.names().size() == 2 && name.names().get(0).equals("pg_catalog"))) {
            type = BY_NAME.get(name.lastName());
        }
        if (type == null) {
            throw SqlException.at("42704", "type \"" + String.join(".", name.names()) + "\" does not exist",
                    name.position());
        }
        int typmod = TypeModifiers.encode(type, name.modifiers(), name.position());
        if (name.array()) {
            SqlType array = type.arrayType();
            if (array == null) {
                throw SqlException.at("42704", "type \"" + String.join(".", name.names()) + "[]\" does not exist",
                        name.position());
            }
            // A modifier written on an array type (varchar(3)[]) applies to its elements; not kept here.
            return new Resolved(array, -1);
        }
        return new Resolved(type, typmod);
    }
}
