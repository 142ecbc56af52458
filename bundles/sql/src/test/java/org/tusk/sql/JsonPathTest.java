package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL/JSON path language: jsonpath's normalized text, lax and strict evaluation, predicates' three
 * values, item methods, variables, the silent flag, and jsonpath columns on the real storage. Every
 * expected value was printed by PostgreSQL 15 for the same statement (the regression file jsonpath
 * covers more of the same).
 */
class JsonPathTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private static String rows(String sql) {
        return Transcript.rows(sql);
    }

    @Test
    void printsPathsAsJsonpathOutDoes() {
        assertEquals("$.\"a\".\"b\"[*]|strict $.\"a\"|$.\"a\"", rows("select '$.a.b[*]'::jsonpath,"
                + " 'strict $.a'::jsonpath, 'lax $.a'::jsonpath"));
        // binary operations parenthesized by priority; a minus on a number literal folded into it
        assertEquals("(($.\"a\" + 1 * 2) - -$.\"b\")|(1 + (2 + 3))|((1 + 2) + 3)|1", rows("select"
                + " '$.a + 1 * 2 - -$.b'::jsonpath, '1 + (2 + 3)'::jsonpath, '1 + 2 + 3'::jsonpath, '- - 1'::jsonpath"));
        assertEquals("$.\"a\"?(@ > 1 && @ < 5 || !(@ == 3))|$.**{2 to last}|$.\"a\"?(!(exists (@.\"b\")))",
                rows("select '$.a ? (@ > 1 && @ < 5 || !(@ == 3))'::jsonpath, '$.**{2 to last}'::jsonpath,"
                        + " '$.a ? (!exists(@.b))'::jsonpath"));
        assertEquals("($\"var\" + $\"x y\")|1500|$?(@ == 0.010)|$.\"a\"?(@ like_regex \"x\" flag \"ism\")",
                rows("select '$var + $\"x y\"'::jsonpath, '1.5e3'::jsonpath, '$ ? (@ == 1.0e-2)'::jsonpath,"
                        + " '$.a ? (@ like_regex \"x\" flag \"msi\")'::jsonpath"));
    }

    @Test
    void refusesBadPathsWithPostgresqlsErrors() {
        assertEquals("E ERROR 42601 syntax error at end of jsonpath input @8", rows("select '$.'::jsonpath"));
        assertEquals("E ERROR 42601 LAST is allowed only in array subscripts @8", rows("select 'last'::jsonpath"));
        assertEquals("E ERROR 42601 @ is not allowed in root expressions @8", rows("select '@ + 1'::jsonpath"));
        assertEquals("E ERROR 42601 invalid input syntax for type jsonpath @8 D Unrecognized flag character \"z\""
                + " in LIKE_REGEX predicate.", rows("select '$ ? (@ like_regex \"a\" flag \"z\")'::jsonpath"));
    }

    @Test
    void laxModeForgivesStructureAndStrictModeDoesNot() {
        assertEquals("2;3;4", rows("select jsonb_path_query('{\"a\":[1,2,3,4,5]}', '$.a[*] ? (@ >= 2 && @ <= 4)')"));
        // lax: an accessor on an array applies to its elements, an array accessor wraps a scalar
        assertEquals("1;2", rows("select jsonb_path_query('[{\"a\":1},{\"a\":2}]', '$.a')"));
        assertEquals("1", rows("select jsonb_path_query('{\"a\":1}', 'lax $.a[0]')"));
        assertEquals("E ERROR 22039 jsonpath array accessor can only be applied to an array @-",
                rows("select jsonb_path_query('{\"a\":1}', 'strict $.a[0]')"));
        assertEquals("E ERROR 2203A JSON object does not contain key \"b\" @-",
                rows("select jsonb_path_exists('{\"a\":1}', 'strict $.b')"));
        assertEquals("E ERROR 22033 jsonpath array subscript is out of bounds @-",
                rows("select jsonb_path_query('{\"a\":[1,2]}', 'strict $.a[5]')"));
        // subscripts: ranges, last, truncated fractions; lax clips a range to the array
        assertEquals("3|1;\\N|2", rows("select jsonb_path_query('{\"a\":[1,2,3]}', '$.a[last]'),"
                + " jsonb_path_query('{\"a\":[1,2,3]}', '$.a[0 to 1]')"));
        assertEquals("1;2", rows("select jsonb_path_query('[1,2,3]', '$[-1 to 1]')"));
        assertEquals("2", rows("select jsonb_path_query('{\"a\":[1,2,3]}', '$.a[1.7]')"));
        // .** visits the item and everything below it, depth first; after it strict mode forgives structure
        assertEquals("2;1", rows("select jsonb_path_query('{\"a\":{\"b\":{\"c\":1}},\"c\":2}', '$.**.c')"));
        assertEquals("2", rows("select jsonb_path_query('{\"a\":{\"b\":[1,{\"c\":2}]}}', 'strict $.**.c')"));
    }

    @Test
    void predicatesHaveThreeValues() {
        // a comparison of items of different types is unknown, except that null equals only null
        assertEquals("null|null|true|null|null", rows("select jsonb_path_query('{\"a\":1, \"b\":\"1\"}', '$.a == $.b'),"
                + " jsonb_path_query('{\"a\":1}', '$.a < \"x\"'), jsonb_path_query('[1,2]', '$[*] > 1'),"
                + " jsonb_path_query('[1,\"x\"]', '$[*] > 1'), jsonb_path_query('[1,\"x\"]', 'strict $[*] > 1')"));
        assertEquals("null|\"2\"", rows("select jsonb_path_query('[1, \"2\", null]', '$[*] ? (@ == null)'),"
                + " jsonb_path_query('[1, \"2\", null]', '$[*] ? ((@ > 1) is unknown)')"));
        assertEquals("t|\\N|t|t", rows("select jsonb_path_match('{\"a\":3}', '$.a > 2'),"
                + " jsonb_path_match('{\"a\":\"x\"}', '$.a > 2'), '{\"a\":3}'::jsonb @@ '$.a == 3',"
                + " '{\"a\":[1,2]}'::jsonb @? '$.a[*] ? (@ == 2)'"));
        assertEquals("E ERROR 22038 single boolean result is expected @-",
                rows("select jsonb_path_match('{\"a\":3}', '$.a')"));
        assertEquals("\"abc\"|\"abc\"", rows("select jsonb_path_query('{\"a\":\"abc\"}', '$.a ? (@ like_regex \"B\""
                + " flag \"i\")'), jsonb_path_query('[\"abc\",\"xbc\"]', '$[*] ? (@ starts with \"a\")')"));
        // like_regex's '.' matches a newline only with flag s
        assertEquals("0", rows("select count(*) from jsonb_path_query('{\"a\": \"x\\ny\"}', '$.a ? (@ like_regex \"x.y\")')"));
        assertEquals("\"x\\ny\"", rows("select jsonb_path_query('{\"a\": \"x\\ny\"}', '$.a ? (@ like_regex \"x.y\" flag \"s\")')"));
    }

    @Test
    void methodsArithmeticAndVariables() {
        assertEquals("\"number\";\"string\";\"boolean\";\"null\";\"object\";\"array\"",
                rows("select jsonb_path_query('[1, \"a\", true, null, {\"x\":1}, [1]]', '$[*].type()')"));
        assertEquals("3|3|1", rows("select jsonb_path_query('{\"a\":[1,2,3]}', '$.a.size()'),"
                + " jsonb_path_query('{\"a\":[1,2,3]}', 'strict $.a.size()'), jsonb_path_query('{\"a\":7}', '$.a.size()')"));
        assertEquals("1|2|1.4;-3|-2|2.5;3|\\N|\\N", rows("select jsonb_path_query('[1.4, -2.5, \"3.7\"]',"
                + " '$[*].double().floor()'), jsonb_path_query('[1.4, -2.5]', '$[*].ceiling()'),"
                + " jsonb_path_query('[1.4, -2.5]', '$[*].abs()')"));
        assertEquals("{\"id\": 0, \"key\": \"x\", \"value\": {\"y\": 1}};{\"id\": 0, \"key\": \"z\", \"value\": 2}",
                rows("select jsonb_path_query('{\"x\":{\"y\":1},\"z\":2}', '$.keyvalue()')"));
        assertEquals("3|2.5|3.5000000000000000|1", rows("select jsonb_path_query('{\"a\":1}', '$.a + 2'),"
                + " jsonb_path_query('{\"a\":1}', '$.a * 2.5'), jsonb_path_query('{\"a\":7}', '$.a / 2'),"
                + " jsonb_path_query('{\"a\":7}', '$.a % 2')"));
        assertEquals("E ERROR 22038 left operand of jsonpath operator + is not a single numeric value @-",
                rows("select jsonb_path_query('{\"a\":[1,2]}', '$.a + 1')"));
        assertEquals("E ERROR 22012 division by zero @-", rows("select jsonb_path_query('{\"a\":1}', '$.a / 0')"));
        assertEquals("[4, 5]", rows("select jsonb_path_query_array('{\"a\":[1,2,3,4,5]}', '$.a[*] ? (@ > $min)',"
                + " '{\"min\": 3}')"));
        assertEquals("E ERROR 42704 could not find jsonpath variable \"x\" @-",
                rows("select jsonb_path_query('{}', '$x')"));
        assertEquals("E ERROR 22023 \"vars\" argument is not an object @- D Jsonpath parameters should be encoded as"
                + " key-value pairs of \"vars\" object.", rows("select jsonb_path_query('{\"a\":2}', '$', '[1]')"));
    }

    @Test
    void silentSuppressesStructuralAndNumericErrors() {
        assertEquals("\\N", rows("select jsonb_path_exists('{\"a\":1}', 'strict $.b', '{}', true)"));
        assertEquals("[]|\\N", rows("select jsonb_path_query_array('{\"a\":1}', '$.a / 0', '{}', true),"
                + " jsonb_path_query_first('{\"a\":1}', 'strict $.b', '{}', true)"));
        // ... but not a missing variable
        assertEquals("E ERROR 42704 could not find jsonpath variable \"x\" @-",
                rows("select jsonb_path_exists('{}', '$x', '{}', true)"));
        assertEquals("2", rows("select jsonb_path_query_first('{\"a\":[1,2]}', '$.a[*] ? (@ > $x)', vars => '{\"x\":1}')"));
    }

    @Test
    void jsonpathColumnsAndParameters() {
        Transcript t = cluster.session();
        t.run("create table jpc (id int, doc jsonb, p jsonpath, ps jsonpath[])");
        t.run("insert into jpc values (1, '{\"tags\":[\"x\",\"y\"],\"n\":5}', '$.tags[*] ? (@ == \"y\")',"
                + " '{\"$.n\",\"strict $.n\"}'), (2, '{\"tags\":[\"z\"],\"n\":1}', '$.n ? (@ > 2)', null)");
        assertEquals("1|$.\"tags\"[*]?(@ == \"y\")|{\"$.\\\"n\\\"\",\"strict $.\\\"n\\\"\"};2|$.\"n\"?(@ > 2)|\\N",
                t.rowsOf("select id, p, ps from jpc order by id"));
        assertEquals("1", t.rowsOf("select id from jpc where doc @? p order by id"));
        assertEquals("1", t.rowsOf("select id from jpc where doc @@ '$.n > 2' order by id"));
        assertEquals("1|5;2|1", t.rowsOf("select id, jsonb_path_query_first(doc, '$.n') from jpc order by id"));
        assertEquals("jsonpath|jsonpath[]", t.rowsOf("select format_type(atttypid, atttypmod) from pg_attribute"
                + " where attrelid = 'jpc'::regclass and attname in ('p', 'ps') order by attnum").replace(";", "|"));
    }
}
