package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pg_type rows of the built-in types: those the engine supports, those the catalogs' columns
 * need (pg_node_tree, aclitem, anyarray) and the pseudo-types the support functions take and
 * return (cstring, internal, the access method handler types). One line per type as in
 * pg_type.dat; each line's {@code array(oid)} also makes the array type the way genbki.pl makes
 * it from pg_type.dat's array_type_oid, so the arrays cannot disagree with their elements. The row
 * types of the catalogs are made from {@link CatalogDefinitions} by {@link BootstrapData}.
 *
 * <p>Written from PostgreSQL 15's pg_type (recorded by src/test/resources/catalog/regenerate.sh)
 * and checked against it by BootstrapDataTest.
 */
final class BuiltinTypes {

    private static final List<TypeRow> ALL;
    private static final Map<Integer, TypeRow> BY_OID = new HashMap<>();

    static {
        List<Builder> lines = List.of(
                base(16, "bool", 1, true, 'B', 'c', 'p').io("boolin", "boolout", "boolrecv", "boolsend").preferred()
                        .array(1000),
                base(17, "bytea", -1, false, 'U', 'i', 'x').io("byteain", "byteaout", "bytearecv", "byteasend")
                        .array(1001),
                base(18, "char", 1, true, 'Z', 'c', 'p').io("charin", "charout", "charrecv", "charsend").array(1002),
                base(19, "name", 64, false, 'S', 'c', 'p').io("namein", "nameout", "namerecv", "namesend")
                        .subscript("raw_array_subscript_handler", CHAR_OID).collation(950).array(1003),
                base(20, "int8", 8, true, 'N', 'd', 'p').io("int8in", "int8out", "int8recv", "int8send").array(1016),
                base(21, "int2", 2, true, 'N', 's', 'p').io("int2in", "int2out", "int2recv", "int2send").array(1005),
                base(22, "int2vector", -1, false, 'A', 'i', 'p').io("int2vectorin", "int2vectorout",
                        "int2vectorrecv", "int2vectorsend").subscript("array_subscript_handler", INT2_OID).array(1006),
                base(23, "int4", 4, true, 'N', 'i', 'p').io("int4in", "int4out", "int4recv", "int4send").array(1007),
                base(24, "regproc", 4, true, 'N', 'i', 'p').io("regprocin", "regprocout", "regprocrecv",
                        "regprocsend").array(1008),
                base(25, "text", -1, false, 'S', 'i', 'x').io("textin", "textout", "textrecv", "textsend")
                        .preferred().collation(100).array(1009),
                base(26, "oid", 4, true, 'N', 'i', 'p').io("oidin", "oidout", "oidrecv", "oidsend").preferred()
                        .array(1028),
                base(27, "tid", 6, false, 'U', 's', 'p').io("tidin", "tidout", "tidrecv", "tidsend").array(1010),
                base(28, "xid", 4, true, 'U', 'i', 'p').io("xidin", "xidout", "xidrecv", "xidsend").array(1011),
                base(29, "cid", 4, true, 'U', 'i', 'p').io("cidin", "cidout", "cidrecv", "cidsend").array(1012),
                base(30, "oidvector", -1, false, 'A', 'i', 'p').io("oidvectorin", "oidvectorout", "oidvectorrecv",
                        "oidvectorsend").subscript("array_subscript_handler", OID_OID).array(1013),
                base(114, "json", -1, false, 'U', 'i', 'x').io("json_in", "json_out", "json_recv", "json_send")
                        .array(199),
                base(194, "pg_node_tree", -1, false, 'Z', 'i', 'x').io("pg_node_tree_in", "pg_node_tree_out",
                        "pg_node_tree_recv", "pg_node_tree_send").collation(100),
                pseudo(269, "table_am_handler", 4, true, 'P', 'i', 'p').io("table_am_handler_in",
                        "table_am_handler_out"),
                pseudo(325, "index_am_handler", 4, true, 'P', 'i', 'p').io("index_am_handler_in",
                        "index_am_handler_out"),
                base(700, "float4", 4, true, 'N', 'i', 'p').io("float4in", "float4out", "float4recv", "float4send")
                        .array(1021),
                base(701, "float8", 8, true, 'N', 'd', 'p').io("float8in", "float8out", "float8recv", "float8send")
                        .preferred().array(1022),
                pseudo(705, "unknown", -2, false, 'X', 'c', 'p').io("unknownin", "unknownout", "unknownrecv",
                        "unknownsend"),
                base(1033, "aclitem", 12, false, 'U', 'i', 'p').io("aclitemin", "aclitemout").array(1034),
                base(3220, "pg_lsn", 8, true, 'U', 'd', 'p').io("pg_lsn_in", "pg_lsn_out", "pg_lsn_recv",
                        "pg_lsn_send").array(3221),
                base(1042, "bpchar", -1, false, 'S', 'i', 'x').io("bpcharin", "bpcharout", "bpcharrecv",
                        "bpcharsend").typmod("bpchartypmodin", "bpchartypmodout").collation(100).array(1014),
                base(1043, "varchar", -1, false, 'S', 'i', 'x').io("varcharin", "varcharout", "varcharrecv",
                        "varcharsend").typmod("varchartypmodin", "varchartypmodout").collation(100).array(1015),
                base(1082, "date", 4, true, 'D', 'i', 'p').io("date_in", "date_out", "date_recv", "date_send")
                        .array(1182),
                base(1083, "time", 8, true, 'D', 'd', 'p').io("time_in", "time_out", "time_recv", "time_send")
                        .typmod("timetypmodin", "timetypmodout").array(1183),
                base(1114, "timestamp", 8, true, 'D', 'd', 'p').io("timestamp_in", "timestamp_out", "timestamp_recv",
                        "timestamp_send").typmod("timestamptypmodin", "timestamptypmodout").array(1115),
                base(1184, "timestamptz", 8, true, 'D', 'd', 'p').io("timestamptz_in", "timestamptz_out",
                        "timestamptz_recv", "timestamptz_send").preferred().typmod("timestamptztypmodin",
                        "timestamptztypmodout").array(1185),
                base(1186, "interval", 16, false, 'T', 'd', 'p').io("interval_in", "interval_out", "interval_recv",
                        "interval_send").preferred().typmod("intervaltypmodin", "intervaltypmodout").array(1187),
                base(1266, "timetz", 12, false, 'D', 'd', 'p').io("timetz_in", "timetz_out", "timetz_recv",
                        "timetz_send").typmod("timetztypmodin", "timetztypmodout").array(1270),
                base(1560, "bit", -1, false, 'V', 'i', 'x').io("bit_in", "bit_out", "bit_recv", "bit_send")
                        .typmod("bittypmodin", "bittypmodout").array(1561),
                base(1562, "varbit", -1, false, 'V', 'i', 'x').io("varbit_in", "varbit_out", "varbit_recv",
                        "varbit_send").preferred().typmod("varbittypmodin", "varbittypmodout").array(1563),
                base(1700, "numeric", -1, false, 'N', 'i', 'm').io("numeric_in", "numeric_out", "numeric_recv",
                        "numeric_send").typmod("numerictypmodin", "numerictypmodout").array(1231),
                base(1790, "refcursor", -1, false, 'U', 'i', 'x').io("textin", "textout", "textrecv", "textsend")
                        .array(2201),
                base(2202, "regprocedure", 4, true, 'N', 'i', 'p').io("regprocedurein", "regprocedureout",
                        "regprocedurerecv", "regproceduresend").array(2207),
                base(2205, "regclass", 4, true, 'N', 'i', 'p').io("regclassin", "regclassout", "regclassrecv",
                        "regclasssend").array(2210),
                base(2206, "regtype", 4, true, 'N', 'i', 'p').io("regtypein", "regtypeout", "regtyperecv",
                        "regtypesend").array(2211),
                pseudo(2249, "record", -1, false, 'P', 'd', 'x').io("record_in", "record_out", "record_recv",
                        "record_send").array(2287),
                pseudo(2275, "cstring", -2, false, 'P', 'c', 'p').io("cstring_in", "cstring_out", "cstring_recv",
                        "cstring_send").array(1263),
                pseudo(2277, "anyarray", -1, false, 'P', 'd', 'x').io("anyarray_in", "anyarray_out", "anyarray_recv",
                        "anyarray_send"),
                pseudo(2278, "void", 4, true, 'P', 'i', 'p').io("void_in", "void_out", "void_recv", "void_send"),
                pseudo(2279, "trigger", 4, true, 'P', 'i', 'p').io("trigger_in", "trigger_out"),
                pseudo(2281, "internal", 8, true, 'P', 'd', 'p').io("internal_in", "internal_out"),
                base(650, "cidr", -1, false, 'I', 'i', 'm').io("cidr_in", "cidr_out", "cidr_recv", "cidr_send")
                        .array(651),
                base(774, "macaddr8", 8, false, 'U', 'i', 'p').io("macaddr8_in", "macaddr8_out", "macaddr8_recv",
                        "macaddr8_send").array(775),
                base(829, "macaddr", 6, false, 'U', 'i', 'p').io("macaddr_in", "macaddr_out", "macaddr_recv",
                        "macaddr_send").array(1040),
                base(869, "inet", -1, false, 'I', 'i', 'm').io("inet_in", "inet_out", "inet_recv", "inet_send")
                        .preferred().array(1041),
                base(2950, "uuid", 16, false, 'U', 'c', 'p').io("uuid_in", "uuid_out", "uuid_recv", "uuid_send")
                        .array(2951),
                base(3802, "jsonb", -1, false, 'U', 'i', 'x').io("jsonb_in", "jsonb_out", "jsonb_recv",
                        "jsonb_send").subscript("jsonb_subscript_handler", 0).array(3807),
                base(4072, "jsonpath", -1, false, 'U', 'i', 'x').io("jsonpath_in", "jsonpath_out", "jsonpath_recv",
                        "jsonpath_send").array(4073),
                pseudo(2283, "anyelement", 4, true, 'P', 'i', 'p').io("anyelement_in", "anyelement_out"),
                pseudo(3831, "anyrange", -1, false, 'P', 'd', 'x').io("anyrange_in", "anyrange_out"),
                range(3904, "int4range", 'i').array(3905),
                range(3906, "numrange", 'i').array(3907),
                range(3908, "tsrange", 'd').array(3909),
                range(3910, "tstzrange", 'd').array(3911),
                range(3912, "daterange", 'i').array(3913),
                range(3926, "int8range", 'd').array(3927),
                base(4089, "regnamespace", 4, true, 'N', 'i', 'p').io("regnamespacein", "regnamespaceout",
                        "regnamespacerecv", "regnamespacesend").array(4090),
                base(4096, "regrole", 4, true, 'N', 'i', 'p').io("regrolein", "regroleout", "regrolerecv",
                        "regrolesend").array(4097)
                );
        List<TypeRow> rows = new ArrayList<>();
        for (Builder b : lines) {
            TypeRow row = b.build();
            rows.add(row);
            if (row.array() != 0) {
                rows.add(b.arrayOid == RECORD_ARRAY_OID ? pseudoArrayOf(row) : arrayOf(row, row.array()));
            }
        }
        rows.sort((a, b) -> Integer.compare(a.oid(), b.oid()));
        for (TypeRow row : rows) {
            if (BY_OID.put(row.oid(), row) != null) {
                throw new IllegalStateException("duplicate pg_type OID " + row.oid());
            }
        }
        ALL = Collections.unmodifiableList(rows);
    }

    private BuiltinTypes() {
    }

    static List<TypeRow> all() {
        return ALL;
    }

    static TypeRow byOid(int oid) {
        return BY_OID.get(oid);
    }

    /**
     * The array type of {@code elem}, as genbki.pl derives it: named with a leading underscore,
     * varlena, category 'A', array_in/array_out/array_recv/array_send, subscripted by
     * array_subscript_handler, analyzed by array_typanalyze, with the element's typmod functions
     * and collation, aligned 'd' if the element is, else 'i' (the array header needs 4 bytes).
     */
    static TypeRow arrayOf(TypeRow elem, int arrayOid) {
        return new TypeRow(arrayOid, "_" + elem.name(), -1, false, 'b', 'A', false, 0,
                BuiltinFunctions.oidOf("array_subscript_handler"), elem.oid(), 0, BuiltinFunctions.oidOf("array_in"),
                BuiltinFunctions.oidOf("array_out"), BuiltinFunctions.oidOf("array_recv"),
                BuiltinFunctions.oidOf("array_send"), elem.modin(), elem.modout(),
                BuiltinFunctions.oidOf("array_typanalyze"), elem.align() == 'd' ? 'd' : 'i', 'x', elem.collation());
    }

    /** _record: an array type like the others, but a pseudo-type as record itself is (pg_type.dat). */
    private static TypeRow pseudoArrayOf(TypeRow elem) {
        TypeRow a = arrayOf(elem, elem.array());
        return new TypeRow(a.oid(), a.name(), a.typlen(), a.byValue(), 'p', 'P', false, 0, a.subscript(), a.elem(), 0,
                a.input(), a.output(), a.receive(), a.send(), a.modin(), a.modout(), a.analyze(), a.align(),
                a.storage(), a.collation());
    }

    private static Builder base(int oid, String name, int typlen, boolean byValue, char category, char align,
            char storage) {
        return new Builder(oid, name, typlen, byValue, 'b', category, align, storage);
    }

    /** A built-in range type (typtype 'r'): range_in and its siblings, analyzed by range_typanalyze. */
    private static Builder range(int oid, String name, char align) {
        Builder b = new Builder(oid, name, -1, false, 'r', 'R', align, 'x').io("range_in", "range_out", "range_recv",
                "range_send");
        b.analyze = "range_typanalyze";
        return b;
    }

    private static Builder pseudo(int oid, String name, int typlen, boolean byValue, char category, char align,
            char storage) {
        return new Builder(oid, name, typlen, byValue, 'p', category, align, storage);
    }

    /** One line of the list above: the facts that differ from type to type, by name as in pg_type.dat. */
    private static final class Builder {
        private final int oid;
        private final String name;
        private final int typlen;
        private final boolean byValue;
        private final char typtype;
        private final char category;
        private final char align;
        private final char storage;
        private boolean preferred;
        private String input;
        private String output;
        private String receive;
        private String send;
        private String modin;
        private String modout;
        private String subscript;
        private String analyze;
        private int elem;
        private int collation;
        private int arrayOid;

        Builder(int oid, String name, int typlen, boolean byValue, char typtype, char category, char align,
                char storage) {
            this.oid = oid;
            this.name = name;
            this.typlen = typlen;
            this.byValue = byValue;
            this.typtype = typtype;
            this.category = category;
            this.align = align;
            this.storage = storage;
        }

        Builder io(String in, String out) {
            this.input = in;
            this.output = out;
            return this;
        }

        Builder io(String in, String out, String recv, String snd) {
            this.receive = recv;
            this.send = snd;
            return io(in, out);
        }

        Builder preferred() {
            this.preferred = true;
            return this;
        }

        Builder typmod(String in, String out) {
            this.modin = in;
            this.modout = out;
            return this;
        }

        /** A type that is subscripted like an array of {@code element} (name, int2vector, oidvector). */
        Builder subscript(String handler, int element) {
            this.subscript = handler;
            this.elem = element;
            return this;
        }

        Builder collation(int collationOid) {
            this.collation = collationOid;
            return this;
        }

        Builder array(int oidOfArray) {
            this.arrayOid = oidOfArray;
            return this;
        }

        TypeRow build() {
            return new TypeRow(oid, name, typlen, byValue, typtype, category, preferred, 0, proc(subscript), elem,
                    arrayOid, proc(input), proc(output), proc(receive), proc(send), proc(modin), proc(modout),
                    proc(analyze), align, storage, collation);
        }

        private static int proc(String function) {
            return function == null ? 0 : BuiltinFunctions.oidOf(function);
        }
    }
}
