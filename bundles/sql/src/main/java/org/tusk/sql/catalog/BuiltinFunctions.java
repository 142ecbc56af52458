package org.tusk.sql.catalog;

import static org.tusk.sql.catalog.CatalogOids.*;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pg_proc rows of the bootstrap: the functions the engine implements (eval/Functions.java, the
 * operator functions eval/FunctionOids.java names), the input, output, send, receive, typmod,
 * analyze and subscript functions the built-in types name, the access methods' handlers, and the
 * planner support functions those name. All with PostgreSQL 15's OIDs, names, argument and result
 * types, volatility and parallel safety, one per line as in pg_proc.dat, so that a client that
 * looked an OID up on PostgreSQL finds the same function here.
 *
 * <p>The list was written from PostgreSQL 15's pg_proc (the rows src/test/resources/catalog/
 * regenerate.sh records); BootstrapDataTest checks it against that recording. Left out on purpose:
 * tusk_debug_crash_backend(), which is Tusk's own and has no PostgreSQL OID.
 */
final class BuiltinFunctions {

    static final List<ProcRow> ALL = List.of(
            fn(3, "heap_tableam_handler", TABLE_AM_HANDLER_OID, "heap_tableam_handler", INTERNAL_OID)
                    .withVolatility('v'),
            fn(31, "byteaout", CSTRING_OID, "byteaout", BYTEA_OID),
            fn(33, "charout", CSTRING_OID, "charout", CHAR_OID),
            fn(34, "namein", NAME_OID, "namein", CSTRING_OID),
            fn(35, "nameout", CSTRING_OID, "nameout", NAME_OID),
            fn(38, "int2in", INT2_OID, "int2in", CSTRING_OID),
            fn(39, "int2out", CSTRING_OID, "int2out", INT2_OID),
            fn(40, "int2vectorin", INT2VECTOR_OID, "int2vectorin", CSTRING_OID),
            fn(41, "int2vectorout", CSTRING_OID, "int2vectorout", INT2VECTOR_OID),
            fn(42, "int4in", INT4_OID, "int4in", CSTRING_OID),
            fn(43, "int4out", CSTRING_OID, "int4out", INT4_OID),
            fn(44, "regprocin", REGPROC_OID, "regprocin", CSTRING_OID).withVolatility('s'),
            fn(45, "regprocout", CSTRING_OID, "regprocout", REGPROC_OID).withVolatility('s'),
            fn(46, "textin", TEXT_OID, "textin", CSTRING_OID),
            fn(47, "textout", CSTRING_OID, "textout", TEXT_OID),
            fn(48, "tidin", TID_OID, "tidin", CSTRING_OID),
            fn(49, "tidout", CSTRING_OID, "tidout", TID_OID),
            fn(50, "xidin", XID_OID, "xidin", CSTRING_OID),
            fn(51, "xidout", CSTRING_OID, "xidout", XID_OID),
            fn(52, "cidin", CID_OID, "cidin", CSTRING_OID),
            fn(53, "cidout", CSTRING_OID, "cidout", CID_OID),
            fn(54, "oidvectorin", OIDVECTOR_OID, "oidvectorin", CSTRING_OID),
            fn(55, "oidvectorout", CSTRING_OID, "oidvectorout", OIDVECTOR_OID),
            fn(65, "int4eq", BOOL_OID, "int4eq", INT4_OID, INT4_OID).markLeakproof(),
            fn(67, "texteq", BOOL_OID, "texteq", TEXT_OID, TEXT_OID).markLeakproof(),
            fn(89, "version", TEXT_OID, "pgsql_version").withVolatility('s'),
            fn(109, "unknownin", UNKNOWN_OID, "unknownin", CSTRING_OID),
            fn(110, "unknownout", CSTRING_OID, "unknownout", UNKNOWN_OID),
            fn(141, "int4mul", INT4_OID, "int4mul", INT4_OID, INT4_OID),
            fn(177, "int4pl", INT4_OID, "int4pl", INT4_OID, INT4_OID),
            fn(181, "int4mi", INT4_OID, "int4mi", INT4_OID, INT4_OID),
            fn(195, "pg_node_tree_in", PG_NODE_TREE_OID, "pg_node_tree_in", CSTRING_OID),
            fn(196, "pg_node_tree_out", CSTRING_OID, "pg_node_tree_out", PG_NODE_TREE_OID),
            fn(197, "pg_node_tree_recv", PG_NODE_TREE_OID, "pg_node_tree_recv", INTERNAL_OID).withVolatility('s'),
            fn(198, "pg_node_tree_send", BYTEA_OID, "pg_node_tree_send", PG_NODE_TREE_OID).withVolatility('s'),
            fn(200, "float4in", FLOAT4_OID, "float4in", CSTRING_OID),
            fn(201, "float4out", CSTRING_OID, "float4out", FLOAT4_OID),
            fn(214, "float8in", FLOAT8_OID, "float8in", CSTRING_OID),
            fn(215, "float8out", CSTRING_OID, "float8out", FLOAT8_OID),
            fn(267, "table_am_handler_in", TABLE_AM_HANDLER_OID, "table_am_handler_in", CSTRING_OID).nonStrict(),
            fn(268, "table_am_handler_out", CSTRING_OID, "table_am_handler_out", TABLE_AM_HANDLER_OID),
            fn(326, "index_am_handler_in", INDEX_AM_HANDLER_OID, "index_am_handler_in", CSTRING_OID).nonStrict(),
            fn(327, "index_am_handler_out", CSTRING_OID, "index_am_handler_out", INDEX_AM_HANDLER_OID),
            fn(330, "bthandler", INDEX_AM_HANDLER_OID, "bthandler", INTERNAL_OID).withVolatility('v'),
            fn(331, "hashhandler", INDEX_AM_HANDLER_OID, "hashhandler", INTERNAL_OID).withVolatility('v'),
            fn(460, "int8in", INT8_OID, "int8in", CSTRING_OID),
            fn(461, "int8out", CSTRING_OID, "int8out", INT8_OID),
            fn(463, "int8pl", INT8_OID, "int8pl", INT8_OID, INT8_OID),
            fn(750, "array_in", ANYARRAY_OID, "array_in", CSTRING_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(751, "array_out", CSTRING_OID, "array_out", ANYARRAY_OID).withVolatility('s'),
            fn(849, "position", INT4_OID, "textpos", TEXT_OID, TEXT_OID),
            fn(861, "current_database", NAME_OID, "current_database").withVolatility('s'),
            fn(868, "strpos", INT4_OID, "textpos", TEXT_OID, TEXT_OID),
            fn(870, "lower", TEXT_OID, "lower", TEXT_OID),
            fn(871, "upper", TEXT_OID, "upper", TEXT_OID),
            fn(872, "initcap", TEXT_OID, "initcap", TEXT_OID),
            fn(873, "lpad", TEXT_OID, "lpad", TEXT_OID, INT4_OID, TEXT_OID),
            fn(874, "rpad", TEXT_OID, "rpad", TEXT_OID, INT4_OID, TEXT_OID),
            fn(875, "ltrim", TEXT_OID, "ltrim", TEXT_OID, TEXT_OID),
            fn(876, "rtrim", TEXT_OID, "rtrim", TEXT_OID, TEXT_OID),
            fn(877, "substr", TEXT_OID, "text_substr", TEXT_OID, INT4_OID, INT4_OID),
            fn(879, "lpad", TEXT_OID, "", TEXT_OID, INT4_OID).sqlBody(),
            fn(880, "rpad", TEXT_OID, "", TEXT_OID, INT4_OID).sqlBody(),
            fn(881, "ltrim", TEXT_OID, "ltrim1", TEXT_OID),
            fn(882, "rtrim", TEXT_OID, "rtrim1", TEXT_OID),
            fn(883, "substr", TEXT_OID, "text_substr_no_len", TEXT_OID, INT4_OID),
            fn(884, "btrim", TEXT_OID, "btrim", TEXT_OID, TEXT_OID),
            fn(885, "btrim", TEXT_OID, "btrim1", TEXT_OID),
            fn(936, "substring", TEXT_OID, "text_substr", TEXT_OID, INT4_OID, INT4_OID),
            fn(937, "substring", TEXT_OID, "text_substr_no_len", TEXT_OID, INT4_OID),
            fn(940, "mod", INT2_OID, "int2mod", INT2_OID, INT2_OID),
            fn(941, "mod", INT4_OID, "int4mod", INT4_OID, INT4_OID),
            fn(947, "mod", INT8_OID, "int8mod", INT8_OID, INT8_OID),
            fn(1031, "aclitemin", ACLITEM_OID, "aclitemin", CSTRING_OID).withVolatility('s'),
            fn(1032, "aclitemout", CSTRING_OID, "aclitemout", ACLITEM_OID).withVolatility('s'),
            fn(1044, "bpcharin", BPCHAR_OID, "bpcharin", CSTRING_OID, OID_OID, INT4_OID),
            fn(1045, "bpcharout", CSTRING_OID, "bpcharout", BPCHAR_OID),
            fn(1046, "varcharin", VARCHAR_OID, "varcharin", CSTRING_OID, OID_OID, INT4_OID),
            fn(1047, "varcharout", CSTRING_OID, "varcharout", VARCHAR_OID),
            fn(1084, "date_in", DATE_OID, "date_in", CSTRING_OID).withVolatility('s'),
            fn(1085, "date_out", CSTRING_OID, "date_out", DATE_OID).withVolatility('s'),
            fn(1143, "time_in", TIME_OID, "time_in", CSTRING_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(1144, "time_out", CSTRING_OID, "time_out", TIME_OID),
            fn(1150, "timestamptz_in", TIMESTAMPTZ_OID, "timestamptz_in", CSTRING_OID, OID_OID, INT4_OID)
                    .withVolatility('s'),
            fn(1151, "timestamptz_out", CSTRING_OID, "timestamptz_out", TIMESTAMPTZ_OID).withVolatility('s'),
            fn(1160, "interval_in", INTERVAL_OID, "interval_in", CSTRING_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(1161, "interval_out", CSTRING_OID, "interval_out", INTERVAL_OID).withVolatility('s'),
            fn(1194, "log10", FLOAT8_OID, "dlog10", FLOAT8_OID),
            fn(1242, "boolin", BOOL_OID, "boolin", CSTRING_OID),
            fn(1243, "boolout", CSTRING_OID, "boolout", BOOL_OID),
            fn(1244, "byteain", BYTEA_OID, "byteain", CSTRING_OID),
            fn(1245, "charin", CHAR_OID, "charin", CSTRING_OID),
            fn(1258, "textcat", TEXT_OID, "textcat", TEXT_OID, TEXT_OID),
            fn(1299, "now", TIMESTAMPTZ_OID, "now").withVolatility('s'),
            fn(1312, "timestamp_in", TIMESTAMP_OID, "timestamp_in", CSTRING_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(1313, "timestamp_out", CSTRING_OID, "timestamp_out", TIMESTAMP_OID).withVolatility('s'),
            fn(1317, "length", INT4_OID, "textlen", TEXT_OID),
            fn(1318, "length", INT4_OID, "bpcharlen", BPCHAR_OID),
            fn(1340, "log", FLOAT8_OID, "dlog10", FLOAT8_OID),
            fn(1341, "ln", FLOAT8_OID, "dlog1", FLOAT8_OID),
            fn(1342, "round", FLOAT8_OID, "dround", FLOAT8_OID),
            fn(1343, "trunc", FLOAT8_OID, "dtrunc", FLOAT8_OID),
            fn(1344, "sqrt", FLOAT8_OID, "dsqrt", FLOAT8_OID),
            fn(1345, "cbrt", FLOAT8_OID, "dcbrt", FLOAT8_OID),
            fn(1346, "pow", FLOAT8_OID, "dpow", FLOAT8_OID, FLOAT8_OID),
            fn(1347, "exp", FLOAT8_OID, "dexp", FLOAT8_OID),
            fn(1350, "timetz_in", TIMETZ_OID, "timetz_in", CSTRING_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(1351, "timetz_out", CSTRING_OID, "timetz_out", TIMETZ_OID),
            fn(1367, "character_length", INT4_OID, "bpcharlen", BPCHAR_OID),
            fn(1368, "power", FLOAT8_OID, "dpow", FLOAT8_OID, FLOAT8_OID),
            fn(1369, "character_length", INT4_OID, "textlen", TEXT_OID),
            fn(1372, "char_length", INT4_OID, "bpcharlen", BPCHAR_OID),
            fn(1374, "octet_length", INT4_OID, "textoctetlen", TEXT_OID),
            fn(1381, "char_length", INT4_OID, "textlen", TEXT_OID),
            fn(1394, "abs", FLOAT4_OID, "float4abs", FLOAT4_OID),
            fn(1395, "abs", FLOAT8_OID, "float8abs", FLOAT8_OID),
            fn(1396, "abs", INT8_OID, "int8abs", INT8_OID),
            fn(1397, "abs", INT4_OID, "int4abs", INT4_OID),
            fn(1398, "abs", INT2_OID, "int2abs", INT2_OID),
            fn(1402, "current_schema", NAME_OID, "current_schema").withVolatility('s').withParallel('u'),
            fn(1598, "random", FLOAT8_OID, "drandom").withVolatility('v').withParallel('r'),
            fn(1608, "degrees", FLOAT8_OID, "degrees", FLOAT8_OID),
            fn(1609, "radians", FLOAT8_OID, "radians", FLOAT8_OID),
            fn(1610, "pi", FLOAT8_OID, "dpi"),
            fn(1620, "ascii", INT4_OID, "ascii", TEXT_OID),
            fn(1621, "chr", TEXT_OID, "chr", INT4_OID),
            fn(1622, "repeat", TEXT_OID, "repeat", TEXT_OID, INT4_OID),
            fn(1637, "like_escape", TEXT_OID, "like_escape", TEXT_OID, TEXT_OID),
            fn(1701, "numeric_in", NUMERIC_OID, "numeric_in", CSTRING_OID, OID_OID, INT4_OID),
            fn(1702, "numeric_out", CSTRING_OID, "numeric_out", NUMERIC_OID),
            fn(1705, "abs", NUMERIC_OID, "numeric_abs", NUMERIC_OID),
            fn(1706, "sign", NUMERIC_OID, "numeric_sign", NUMERIC_OID),
            fn(1707, "round", NUMERIC_OID, "numeric_round", NUMERIC_OID, INT4_OID),
            fn(1708, "round", NUMERIC_OID, "", NUMERIC_OID).sqlBody(),
            fn(1709, "trunc", NUMERIC_OID, "numeric_trunc", NUMERIC_OID, INT4_OID),
            fn(1710, "trunc", NUMERIC_OID, "", NUMERIC_OID).sqlBody(),
            fn(1711, "ceil", NUMERIC_OID, "numeric_ceil", NUMERIC_OID),
            fn(1712, "floor", NUMERIC_OID, "numeric_floor", NUMERIC_OID),
            fn(1728, "mod", NUMERIC_OID, "numeric_mod", NUMERIC_OID, NUMERIC_OID),
            fn(1730, "sqrt", NUMERIC_OID, "numeric_sqrt", NUMERIC_OID),
            fn(1738, "pow", NUMERIC_OID, "numeric_power", NUMERIC_OID, NUMERIC_OID),
            fn(1798, "oidin", OID_OID, "oidin", CSTRING_OID),
            fn(1799, "oidout", CSTRING_OID, "oidout", OID_OID),
            fn(2026, "pg_backend_pid", INT4_OID, "pg_backend_pid").withVolatility('s').withParallel('r'),
            fn(2087, "replace", TEXT_OID, "replace_text", TEXT_OID, TEXT_OID, TEXT_OID),
            fn(2088, "split_part", TEXT_OID, "split_part", TEXT_OID, TEXT_OID, INT4_OID),
            fn(2167, "ceiling", NUMERIC_OID, "numeric_ceil", NUMERIC_OID),
            fn(2169, "power", NUMERIC_OID, "numeric_power", NUMERIC_OID, NUMERIC_OID),
            fn(2212, "regprocedurein", REGPROCEDURE_OID, "regprocedurein", CSTRING_OID).withVolatility('s'),
            fn(2213, "regprocedureout", CSTRING_OID, "regprocedureout", REGPROCEDURE_OID).withVolatility('s'),
            fn(2218, "regclassin", REGCLASS_OID, "regclassin", CSTRING_OID).withVolatility('s'),
            fn(2219, "regclassout", CSTRING_OID, "regclassout", REGCLASS_OID).withVolatility('s'),
            fn(2220, "regtypein", REGTYPE_OID, "regtypein", CSTRING_OID).withVolatility('s'),
            fn(2221, "regtypeout", CSTRING_OID, "regtypeout", REGTYPE_OID).withVolatility('s'),
            fn(2290, "record_in", RECORD_OID, "record_in", CSTRING_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(2291, "record_out", CSTRING_OID, "record_out", RECORD_OID).withVolatility('s'),
            fn(2292, "cstring_in", CSTRING_OID, "cstring_in", CSTRING_OID),
            fn(2293, "cstring_out", CSTRING_OID, "cstring_out", CSTRING_OID),
            fn(2296, "anyarray_in", ANYARRAY_OID, "anyarray_in", CSTRING_OID),
            fn(2297, "anyarray_out", CSTRING_OID, "anyarray_out", ANYARRAY_OID).withVolatility('s'),
            fn(2298, "void_in", VOID_OID, "void_in", CSTRING_OID),
            fn(2299, "void_out", CSTRING_OID, "void_out", VOID_OID),
            fn(2304, "internal_in", INTERNAL_OID, "internal_in", CSTRING_OID).nonStrict(),
            fn(2305, "internal_out", CSTRING_OID, "internal_out", INTERNAL_OID),
            fn(2308, "ceil", FLOAT8_OID, "dceil", FLOAT8_OID),
            fn(2309, "floor", FLOAT8_OID, "dfloor", FLOAT8_OID),
            fn(2310, "sign", FLOAT8_OID, "dsign", FLOAT8_OID),
            fn(2311, "md5", TEXT_OID, "md5_text", TEXT_OID).markLeakproof(),
            fn(2320, "ceiling", FLOAT8_OID, "dceil", FLOAT8_OID),
            fn(2400, "array_recv", ANYARRAY_OID, "array_recv", INTERNAL_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(2401, "array_send", BYTEA_OID, "array_send", ANYARRAY_OID).withVolatility('s'),
            fn(2402, "record_recv", RECORD_OID, "record_recv", INTERNAL_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(2403, "record_send", BYTEA_OID, "record_send", RECORD_OID).withVolatility('s'),
            fn(2404, "int2recv", INT2_OID, "int2recv", INTERNAL_OID),
            fn(2405, "int2send", BYTEA_OID, "int2send", INT2_OID),
            fn(2406, "int4recv", INT4_OID, "int4recv", INTERNAL_OID),
            fn(2407, "int4send", BYTEA_OID, "int4send", INT4_OID),
            fn(2408, "int8recv", INT8_OID, "int8recv", INTERNAL_OID),
            fn(2409, "int8send", BYTEA_OID, "int8send", INT8_OID),
            fn(2410, "int2vectorrecv", INT2VECTOR_OID, "int2vectorrecv", INTERNAL_OID),
            fn(2411, "int2vectorsend", BYTEA_OID, "int2vectorsend", INT2VECTOR_OID),
            fn(2412, "bytearecv", BYTEA_OID, "bytearecv", INTERNAL_OID),
            fn(2413, "byteasend", BYTEA_OID, "byteasend", BYTEA_OID),
            fn(2414, "textrecv", TEXT_OID, "textrecv", INTERNAL_OID).withVolatility('s'),
            fn(2415, "textsend", BYTEA_OID, "textsend", TEXT_OID).withVolatility('s'),
            fn(2416, "unknownrecv", UNKNOWN_OID, "unknownrecv", INTERNAL_OID),
            fn(2417, "unknownsend", BYTEA_OID, "unknownsend", UNKNOWN_OID),
            fn(2418, "oidrecv", OID_OID, "oidrecv", INTERNAL_OID),
            fn(2419, "oidsend", BYTEA_OID, "oidsend", OID_OID),
            fn(2420, "oidvectorrecv", OIDVECTOR_OID, "oidvectorrecv", INTERNAL_OID),
            fn(2421, "oidvectorsend", BYTEA_OID, "oidvectorsend", OIDVECTOR_OID),
            fn(2422, "namerecv", NAME_OID, "namerecv", INTERNAL_OID).withVolatility('s'),
            fn(2423, "namesend", BYTEA_OID, "namesend", NAME_OID).withVolatility('s'),
            fn(2424, "float4recv", FLOAT4_OID, "float4recv", INTERNAL_OID),
            fn(2425, "float4send", BYTEA_OID, "float4send", FLOAT4_OID),
            fn(2426, "float8recv", FLOAT8_OID, "float8recv", INTERNAL_OID),
            fn(2427, "float8send", BYTEA_OID, "float8send", FLOAT8_OID),
            fn(2430, "bpcharrecv", BPCHAR_OID, "bpcharrecv", INTERNAL_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(2431, "bpcharsend", BYTEA_OID, "bpcharsend", BPCHAR_OID).withVolatility('s'),
            fn(2432, "varcharrecv", VARCHAR_OID, "varcharrecv", INTERNAL_OID, OID_OID, INT4_OID).withVolatility('s'),
            fn(2433, "varcharsend", BYTEA_OID, "varcharsend", VARCHAR_OID).withVolatility('s'),
            fn(2434, "charrecv", CHAR_OID, "charrecv", INTERNAL_OID),
            fn(2435, "charsend", BYTEA_OID, "charsend", CHAR_OID),
            fn(2436, "boolrecv", BOOL_OID, "boolrecv", INTERNAL_OID),
            fn(2437, "boolsend", BYTEA_OID, "boolsend", BOOL_OID),
            fn(2438, "tidrecv", TID_OID, "tidrecv", INTERNAL_OID),
            fn(2439, "tidsend", BYTEA_OID, "tidsend", TID_OID),
            fn(2440, "xidrecv", XID_OID, "xidrecv", INTERNAL_OID),
            fn(2441, "xidsend", BYTEA_OID, "xidsend", XID_OID),
            fn(2442, "cidrecv", CID_OID, "cidrecv", INTERNAL_OID),
            fn(2443, "cidsend", BYTEA_OID, "cidsend", CID_OID),
            fn(2444, "regprocrecv", REGPROC_OID, "regprocrecv", INTERNAL_OID),
            fn(2445, "regprocsend", BYTEA_OID, "regprocsend", REGPROC_OID),
            fn(2446, "regprocedurerecv", REGPROCEDURE_OID, "regprocedurerecv", INTERNAL_OID),
            fn(2447, "regproceduresend", BYTEA_OID, "regproceduresend", REGPROCEDURE_OID),
            fn(2452, "regclassrecv", REGCLASS_OID, "regclassrecv", INTERNAL_OID),
            fn(2453, "regclasssend", BYTEA_OID, "regclasssend", REGCLASS_OID),
            fn(2454, "regtyperecv", REGTYPE_OID, "regtyperecv", INTERNAL_OID),
            fn(2455, "regtypesend", BYTEA_OID, "regtypesend", REGTYPE_OID),
            fn(2460, "numeric_recv", NUMERIC_OID, "numeric_recv", INTERNAL_OID, OID_OID, INT4_OID),
            fn(2461, "numeric_send", BYTEA_OID, "numeric_send", NUMERIC_OID),
            fn(2468, "date_recv", DATE_OID, "date_recv", INTERNAL_OID),
            fn(2469, "date_send", BYTEA_OID, "date_send", DATE_OID),
            fn(2470, "time_recv", TIME_OID, "time_recv", INTERNAL_OID, OID_OID, INT4_OID),
            fn(2471, "time_send", BYTEA_OID, "time_send", TIME_OID),
            fn(2472, "timetz_recv", TIMETZ_OID, "timetz_recv", INTERNAL_OID, OID_OID, INT4_OID),
            fn(2473, "timetz_send", BYTEA_OID, "timetz_send", TIMETZ_OID),
            fn(2474, "timestamp_recv", TIMESTAMP_OID, "timestamp_recv", INTERNAL_OID, OID_OID, INT4_OID),
            fn(2475, "timestamp_send", BYTEA_OID, "timestamp_send", TIMESTAMP_OID),
            fn(2476, "timestamptz_recv", TIMESTAMPTZ_OID, "timestamptz_recv", INTERNAL_OID, OID_OID, INT4_OID),
            fn(2477, "timestamptz_send", BYTEA_OID, "timestamptz_send", TIMESTAMPTZ_OID),
            fn(2478, "interval_recv", INTERVAL_OID, "interval_recv", INTERNAL_OID, OID_OID, INT4_OID),
            fn(2479, "interval_send", BYTEA_OID, "interval_send", INTERVAL_OID),
            fn(2500, "cstring_recv", CSTRING_OID, "cstring_recv", INTERNAL_OID).withVolatility('s'),
            fn(2501, "cstring_send", BYTEA_OID, "cstring_send", CSTRING_OID).withVolatility('s'),
            fn(2502, "anyarray_recv", ANYARRAY_OID, "anyarray_recv", INTERNAL_OID).withVolatility('s'),
            fn(2503, "anyarray_send", BYTEA_OID, "anyarray_send", ANYARRAY_OID).withVolatility('s'),
            fn(2626, "pg_sleep", VOID_OID, "pg_sleep", FLOAT8_OID).withVolatility('v'),
            fn(2647, "transaction_timestamp", TIMESTAMPTZ_OID, "now").withVolatility('s'),
            fn(2648, "statement_timestamp", TIMESTAMPTZ_OID, "statement_timestamp").withVolatility('s'),
            fn(2649, "clock_timestamp", TIMESTAMPTZ_OID, "clock_timestamp").withVolatility('v'),
            fn(2903, "intervaltypmodin", INT4_OID, "intervaltypmodin", CSTRING_ARRAY_OID),
            fn(2904, "intervaltypmodout", CSTRING_OID, "intervaltypmodout", INT4_OID),
            fn(2905, "timestamptypmodin", INT4_OID, "timestamptypmodin", CSTRING_ARRAY_OID),
            fn(2906, "timestamptypmodout", CSTRING_OID, "timestamptypmodout", INT4_OID),
            fn(2907, "timestamptztypmodin", INT4_OID, "timestamptztypmodin", CSTRING_ARRAY_OID),
            fn(2908, "timestamptztypmodout", CSTRING_OID, "timestamptztypmodout", INT4_OID),
            fn(2909, "timetypmodin", INT4_OID, "timetypmodin", CSTRING_ARRAY_OID),
            fn(2910, "timetypmodout", CSTRING_OID, "timetypmodout", INT4_OID),
            fn(2911, "timetztypmodin", INT4_OID, "timetztypmodin", CSTRING_ARRAY_OID),
            fn(2912, "timetztypmodout", CSTRING_OID, "timetztypmodout", INT4_OID),
            fn(2913, "bpchartypmodin", INT4_OID, "bpchartypmodin", CSTRING_ARRAY_OID),
            fn(2914, "bpchartypmodout", CSTRING_OID, "bpchartypmodout", INT4_OID),
            fn(2915, "varchartypmodin", INT4_OID, "varchartypmodin", CSTRING_ARRAY_OID),
            fn(2916, "varchartypmodout", CSTRING_OID, "varchartypmodout", INT4_OID),
            fn(2917, "numerictypmodin", INT4_OID, "numerictypmodin", CSTRING_ARRAY_OID),
            fn(2918, "numerictypmodout", CSTRING_OID, "numerictypmodout", INT4_OID),
            fn(2952, "uuid_in", UUID_OID, "uuid_in", CSTRING_OID),
            fn(2953, "uuid_out", CSTRING_OID, "uuid_out", UUID_OID),
            fn(2961, "uuid_recv", UUID_OID, "uuid_recv", INTERNAL_OID),
            fn(2962, "uuid_send", BYTEA_OID, "uuid_send", UUID_OID),
            fn(3060, "left", TEXT_OID, "text_left", TEXT_OID, INT4_OID),
            fn(3061, "right", TEXT_OID, "text_right", TEXT_OID, INT4_OID),
            fn(3062, "reverse", TEXT_OID, "text_reverse", TEXT_OID),
            fn(3120, "void_recv", VOID_OID, "void_recv", INTERNAL_OID),
            fn(3121, "void_send", BYTEA_OID, "void_send", VOID_OID),
            fn(3696, "starts_with", BOOL_OID, "text_starts_with", TEXT_OID, TEXT_OID).markLeakproof().withSupport(6242),
            fn(3816, "array_typanalyze", BOOL_OID, "array_typanalyze", INTERNAL_OID).withVolatility('s'),
            fn(4084, "regnamespacein", REGNAMESPACE_OID, "regnamespacein", CSTRING_OID).withVolatility('s'),
            fn(4085, "regnamespaceout", CSTRING_OID, "regnamespaceout", REGNAMESPACE_OID).withVolatility('s'),
            fn(4087, "regnamespacerecv", REGNAMESPACE_OID, "regnamespacerecv", INTERNAL_OID),
            fn(4088, "regnamespacesend", BYTEA_OID, "regnamespacesend", REGNAMESPACE_OID),
            fn(4092, "regroleout", CSTRING_OID, "regroleout", REGROLE_OID).withVolatility('s'),
            fn(4094, "regrolerecv", REGROLE_OID, "regrolerecv", INTERNAL_OID),
            fn(4095, "regrolesend", BYTEA_OID, "regrolesend", REGROLE_OID),
            fn(4098, "regrolein", REGROLE_OID, "regrolein", CSTRING_OID).withVolatility('s'),
            fn(6179, "array_subscript_handler", INTERNAL_OID, "array_subscript_handler", INTERNAL_OID),
            fn(6180, "raw_array_subscript_handler", INTERNAL_OID, "raw_array_subscript_handler", INTERNAL_OID),
            fn(6242, "text_starts_with_support", INTERNAL_OID, "text_starts_with_support", INTERNAL_OID)
            );

    private static final Map<Integer, ProcRow> BY_OID = new HashMap<>();
    private static final Map<String, ProcRow> BY_UNIQUE_NAME = new HashMap<>();

    static {
        Map<String, Integer> nameCount = new HashMap<>();
        for (ProcRow p : ALL) {
            if (BY_OID.put(p.oid(), p) != null) {
                throw new IllegalStateException("duplicate pg_proc OID " + p.oid());
            }
            nameCount.merge(p.name(), 1, Integer::sum);
        }
        for (ProcRow p : ALL) {
            if (nameCount.get(p.name()) == 1) {
                BY_UNIQUE_NAME.put(p.name(), p);
            }
        }
    }

    private BuiltinFunctions() {
    }

    static ProcRow byOid(int oid) {
        return BY_OID.get(oid);
    }

    /**
     * The OID of a function named without its arguments, as pg_type.dat names I/O functions (regproc
     * input): the name must be that of exactly one function here.
     */
    static int oidOf(String name) {
        ProcRow p = BY_UNIQUE_NAME.get(name);
        if (p == null) {
            throw new IllegalStateException("no single built-in function named " + name);
        }
        return p.oid();
    }

    private static ProcRow fn(int oid, String name, int returnType, String source, Integer... argTypes) {
        return new ProcRow(oid, name, ProcRow.INTERNAL_LANGUAGE, 'i', 's', false, true, 0, returnType,
                Arrays.asList(argTypes), source);
    }
}
