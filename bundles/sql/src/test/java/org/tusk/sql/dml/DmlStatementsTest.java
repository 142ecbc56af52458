package org.tusk.sql.dml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tusk.sql.dml.TestDb.col;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.schema.CheckDef;
import org.tusk.sql.schema.ForeignKeyDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

class DmlStatementsTest {
    private TestDb db;
    private Relation parent;

    @BeforeEach
    void tables() {
        db = new TestDb();
        db.table("t", List.of(col(1, "a", SqlType.INT4, -1, true, null), col(2, "b", SqlType.TEXT),
                col(3, "c", SqlType.VARCHAR, 3 + 4, false, null),
                col(4, "d", SqlType.INT4, -1, false, "42"),
                col(5, "n", SqlType.NUMERIC, ((5 << 16) | 2) + 4, false, null),
                col(6, "ch", SqlType.BPCHAR, 4 + 4, false, null)),
                List.of(new TestDb.Idx("t_pkey", true, true, List.of(1))),
                List.of(new CheckDef("t_d_check", "d > 0")), List.of());
        parent = db.table("p", List.of(col(1, "id", SqlType.INT4, -1, true, null), col(2, "name", SqlType.TEXT)),
                List.of(new TestDb.Idx("p_pkey", true, true, List.of(1))), List.of(), List.of());
    }

    private void child(char onDelete, char onUpdate) {
        db.table("k", List.of(col(1, "id", SqlType.INT4, -1, true, null),
                col(2, "pid", SqlType.INT4, -1, false, "0")),
                List.of(new TestDb.Idx("k_pkey", true, true, List.of(1))), List.of(),
                List.of(new ForeignKeyDef("k_pid_fkey", List.of(2), parent.oid(), List.of(1), onDelete, onUpdate)));
    }

    private SqlException fails(String sql) {
        return assertThrows(SqlException.class, () -> db.run(sql));
    }

    private static void assertError(SqlException e, String state, String message, String detail) {
        assertEquals(state, e.sqlState(), e.getMessage());
        assertEquals(message, e.fields().get(ErrorFields.MESSAGE));
        assertEquals(detail, e.fields().get(ErrorFields.DETAIL));
    }

    @Test
    void insertValuesWithDefaultsAndColumnList() {
        assertEquals("INSERT 0 2", db.run("insert into t values (1, 'x', 'abc', default, 1.005, 'ab'), (2)").tag);
        assertEquals("INSERT 0 1", db.run("insert into t (b, a) values ('y', 3)").tag);
        assertEquals(List.of("1|x|abc|42|1.01|ab  ", "2|null|null|42|null|null", "3|y|null|42|null|null"),
                db.rows("t"), "numeric(5,2) rounds, char(4) pads, d gets its default");
        assertError(fails("insert into p default values"), "23502", "null value in column \"id\" of relation \"p\" violates not-null constraint", "Failing row contains (null, null).");
    }

    @Test
    void returningStarAndExpressions() {
        TestDb.Result r = db.run("insert into t (a, b) values (7, 'q') returning *, a + 1 as next, upper(b)");
        assertEquals(List.of("7|q|NULL|42|NULL|NULL|8|Q"), r.rows);
        assertEquals("a", r.columns.getFirst().name());
        assertEquals(db.get("t").oid(), r.columns.getFirst().tableOid());
        assertEquals(1, r.columns.getFirst().columnNumber());
        assertEquals("next", r.columns.get(6).name());
        assertEquals("upper", r.columns.get(7).name());
        assertEquals(0, r.columns.get(7).tableOid());
    }

    @Test
    void assignmentErrors() {
        assertError(fails("insert into t (a, c) values (1, 'abcd')"), "22001",
                "value too long for type character varying(3)", null);
        assertEquals("INSERT 0 1", db.run("insert into t (a, c) values (1, 'abc  ')").tag,
                "only spaces are cut silently");
        assertError(fails("insert into t (a, n) values (2, 12345.6)"), "22003", "numeric field overflow",
                "A field with precision 5, scale 2 must round to an absolute value less than 10^3.");
        SqlException e = fails("insert into t (a) values (true)");
        assertError(e, "42804", "column \"a\" is of type integer but expression is of type boolean", null);
        assertEquals("27", e.fields().get(ErrorFields.POSITION));
        assertError(fails("insert into t (a, zz) values (1, 2)"), "42703",
                "column \"zz\" of relation \"t\" does not exist", null);
        assertError(fails("insert into t (a, a) values (1, 2)"), "42701", "column \"a\" specified more than once",
                null);
        assertError(fails("insert into t (a) values (1, 2)"), "42601", "INSERT has more expressions than target columns",
                null);
        assertError(fails("insert into t (a, b) values (1)"), "42601",
                "INSERT has more target columns than expressions", null);
        assertError(fails("insert into nosuch values (1)"), "42P01", "relation \"nosuch\" does not exist", null);
        assertError(fails("insert into t values (a)"), "42703", "column \"a\" does not exist", null);
    }

    @Test
    void notNullCheckAndUniqueViolations() {
        assertError(fails("insert into t (b) values ('x')"), "23502",
                "null value in column \"a\" of relation \"t\" violates not-null constraint",
                "Failing row contains (null, x, null, 42, null, null).");
        assertError(fails("insert into t (a, d) values (1, -5)"), "23514",
                "new row for relation \"t\" violates check constraint \"t_d_check\"",
                "Failing row contains (1, null, null, -5, null, null).");
        db.run("insert into t (a) values (1)");
        assertError(fails("insert into t (a) values (1)"), "23505",
                "duplicate key value violates unique constraint \"t_pkey\"", "Key (a)=(1) already exists.");
        assertError(fails("update t set d = 0 where a = 1"), "23514",
                "new row for relation \"t\" violates check constraint \"t_d_check\"",
                "Failing row contains (1, null, null, 0, null, null).");
    }

    @Test
    void updateThroughThePrimaryKeyIndex() {
        db.run("insert into t (a, d) values (1, 10), (2, 20), (3, 30)");
        UpdatePlan plan = (UpdatePlan) db.plan("update t set d = d + 1 where a = 2");
        assertNotNull(plan.rows().path());
        assertEquals("t_pkey", plan.rows().path().index().name());
        int scans = db.storage.sequentialScans;
        TestDb.Result r = db.run("update t set d = d + 1 where a = 2 returning a, d");
        assertEquals("UPDATE 1", r.tag);
        assertEquals(List.of("2|21"), r.rows);
        assertEquals(scans, db.storage.sequentialScans, "no sequential scan");
        assertEquals("UPDATE 2", db.run("update t set (b, d) = ('z', default) where a >= 2").tag);
        assertEquals(List.of("1|null|null|10|null|null", "2|z|null|42|null|null", "3|z|null|42|null|null"),
                db.rows("t").stream().sorted().toList());
        assertEquals("UPDATE 0", db.run("update t set d = 1 where a = 5000000000").tag);
        assertEquals("UPDATE 3", db.run("update t x set d = x.d * 2").tag);
        assertNull(((UpdatePlan) db.plan("update t set d = 1 where d = 2")).rows().path());
    }

    @Test
    void updateErrors() {
        assertError(fails("update t set a = 1, a = 2"), "42601", "multiple assignments to same column \"a\"", null);
        assertError(fails("update t set (a, b) = (1)"), "42601",
                "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression", null);
        assertError(fails("update t set (a, b) = (1, 2, 3)"), "42601", "number of columns does not match number of values",
                null);
        assertError(fails("insert into t values (a)"), "42703", "column \"a\" does not exist", null);
        assertEquals("There is a column named \"a\" in table \"t\", but it cannot be referenced from this part of the "
                + "query.", fails("insert into t values (a)").fields().get(ErrorFields.HINT));
        assertError(fails("update t set zz = 1"), "42703", "column \"zz\" of relation \"t\" does not exist", null);
        assertError(fails("update t x set d = t.d"), "42P01", "invalid reference to FROM-clause entry for table \"t\"",
                null);
        db.run("insert into t (a) values (1), (2)");
        assertError(fails("update t set a = 2 where a = 1"), "23505",
                "duplicate key value violates unique constraint \"t_pkey\"", "Key (a)=(2) already exists.");
    }

    @Test
    void deleteWithReturning() {
        db.run("insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z')");
        TestDb.Result r = db.run("delete from t where a between 2 and 3 returning b");
        assertEquals("DELETE 2", r.tag);
        assertEquals(List.of("y", "z"), r.rows);
        assertEquals(List.of("1|x|null|42|null|null"), db.rows("t"));
        assertEquals("DELETE 1", db.run("delete from t").tag);
    }

    @Test
    void foreignKeyOnTheReferencingSide() {
        child('a', 'a');
        db.run("insert into p values (1, 'one')");
        assertEquals("INSERT 0 2", db.run("insert into k values (10, 1), (11, null)").tag);
        assertError(fails("insert into k values (12, 2)"), "23503",
                "insert or update on table \"k\" violates foreign key constraint \"k_pid_fkey\"",
                "Key (pid)=(2) is not present in table \"p\".");
        assertError(fails("update k set pid = 3 where id = 10"), "23503",
                "insert or update on table \"k\" violates foreign key constraint \"k_pid_fkey\"",
                "Key (pid)=(3) is not present in table \"p\".");
    }

    @Test
    void noActionAndRestrictOnTheReferencedSide() {
        child('r', 'a');
        db.run("insert into p values (1, 'one'), (2, 'two')");
        db.run("insert into k values (10, 1)");
        assertError(fails("delete from p where id = 1"), "23503",
                "update or delete on table \"p\" violates foreign key constraint \"k_pid_fkey\" on table \"k\"",
                "Key (id)=(1) is still referenced from table \"k\".");
        assertError(fails("update p set id = 5 where id = 1"), "23503",
                "update or delete on table \"p\" violates foreign key constraint \"k_pid_fkey\" on table \"k\"",
                "Key (id)=(1) is still referenced from table \"k\".");
        assertEquals("UPDATE 1", db.run("update p set name = 'uno' where id = 1").tag, "key unchanged");
        assertEquals("DELETE 1", db.run("delete from p where id = 2").tag);
    }

    @Test
    void cascadeSetNullAndSetDefault() {
        child('c', 'c');
        db.run("insert into p values (0, 'zero'), (1, 'one'), (2, 'two')");
        db.run("insert into k values (10, 1), (11, 1), (12, 2)");
        db.run("update p set id = 7 where id = 1");
        assertEquals(List.of("10|7", "11|7", "12|2"), db.rows("k").stream().sorted().toList());
        db.run("delete from p where id = 7");
        assertEquals(List.of("12|2"), db.rows("k"));
    }

    @Test
    void setNullAndSetDefault() {
        child('n', 'd');
        db.run("insert into p values (0, 'zero'), (1, 'one'), (2, 'two')");
        db.run("insert into k values (10, 1), (12, 2)");
        db.run("delete from p where id = 1");
        db.run("update p set id = 3 where id = 2");
        assertEquals(List.of("10|null", "12|0"), db.rows("k").stream().sorted().toList());
    }

    @Test
    void preparedStatementsInferParameterTypesAndReuseTheirPlan() {
        db.run("insert into t (a, d) values (1, 10), (2, 20)");
        org.tusk.sql.eval.Parameters variable = org.tusk.sql.eval.Parameters.variable(
                new SqlType[] {SqlType.UNKNOWN, SqlType.UNKNOWN});
        org.tusk.sql.ast.Statement update = org.tusk.sql.parser.Parser.parse(
                "update t set d = d + $1 where a = $2 returning d", true).getFirst();
        DmlPlan described = DmlStatements.analyze(update, db.env(variable));
        assertEquals(List.of(SqlType.INT4, SqlType.INT4), List.of(variable.types()));
        assertEquals("d", described.columns().getFirst().name());

        PlanCache cache = new PlanCache();
        SqlType[] types = variable.types();
        int locks = db.storage.locks.size();
        for (int round = 1; round <= 3; round++) {
            TestDb.Result r = new TestDb.Result();
            cache.run(update, db.env(org.tusk.sql.eval.Parameters.bound(types, new Object[] {round, 2})), r);
            assertEquals(List.of(String.valueOf(20 + round * (round + 1) / 2)), r.rows());
        }
        assertEquals(2, cache.hits, "analyzed once, reused twice");
        assertEquals(3, db.storage.locks.size() - locks, "each execution locks the table in its transaction");
    }
}
