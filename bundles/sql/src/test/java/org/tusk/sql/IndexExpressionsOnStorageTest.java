package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expression indexes, partial indexes and INCLUDE columns on the real storage, with what PostgreSQL 15
 * answers (INCLUDE columns not part of uniqueness): entries computed from the row on insert, update (an update changing a column an expression
 * reads is no HOT update) and build; uniqueness on the expression and among the predicate's rows only
 * (23505 naming the expression); IMMUTABLE checks (42P17); the definitions in the catalogs and
 * pg_get_indexdef; ON CONFLICT inferring a partial expression index (42P10 when none matches); the
 * planner searching an expression key and using a partial index when the query implies its predicate.
 */
class IndexExpressionsOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private static String run(Transcript t, String sql) {
        return t.rowsAndTags(sql);
    }

    private static String plan(Transcript t, String query) {
        return String.join("\n", t.run("explain (costs off) " + query).stream().filter(l -> l.startsWith("D"))
                .map(l -> l.substring(2)).toList());
    }

    @Test
    void aUniqueExpressionIndexRefusesEqualKeysAndNamesTheExpression() {
        Transcript t = new Transcript(cluster.engine(), "postgres");
        run(t, "create table u1 (id int, email text)");
        assertEquals("CREATE INDEX", run(t, "create unique index u1_email on u1 (lower(email))"));
        assertEquals("INSERT 0 1", run(t, "insert into u1 values (1, 'A@b')"));
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"u1_email\" @- "
                + "D Key (lower(email))=(a@b) already exists.", run(t, "insert into u1 values (2, 'a@B')"));
        // The update changes the column the key is computed from: its new entry is checked too.
        assertEquals("INSERT 0 1", run(t, "insert into u1 values (2, 'c@d')"));
        assertTrue(run(t, "update u1 set email = 'A@B' where id = 2").startsWith("E ERROR 23505"));
        assertEquals("UPDATE 1", run(t, "update u1 set email = 'x@y' where id = 2"));
        assertEquals("UPDATE 2", run(t, "update u1 set id = id + 10"));
        run(t, "set enable_seqscan = off");
        assertEquals("11|A@b", run(t, "select * from u1 where lower(email) = 'a@b'"));
        assertEquals("E ERROR 23505 could not create unique index \"u1_x\" @- D Key ((id / 100))=(0) is duplicated.",
                run(t, "create unique index u1_x on u1 ((id / 100))"));
    }

    @Test
    void aPartialUniqueIndexHoldsOnlyTheRowsItsPredicateIsTrueFor() {
        Transcript t = new Transcript(cluster.engine(), "postgres");
        run(t, "create table u2 (id int, email text, deleted_at date)");
        run(t, "create unique index u2_live on u2 (email) where deleted_at is null");
        assertEquals("INSERT 0 3", run(t, "insert into u2 values (1, 'a', null), (2, 'a', '2020-01-01'), "
                + "(3, 'a', '2021-01-01')"));
        assertTrue(run(t, "insert into u2 values (4, 'a', null)").startsWith("E ERROR 23505"));
        assertTrue(run(t, "update u2 set deleted_at = null where id = 2").startsWith("E ERROR 23505"));
        assertEquals("INSERT 0 0", run(t, "insert into u2 values (5, 'a', null) on conflict (email) "
                + "where deleted_at is null do nothing"));
        assertEquals("E ERROR 42P10 there is no unique or exclusion constraint matching the ON CONFLICT "
                + "specification @-", run(t, "insert into u2 values (5, 'a', null) on conflict (email) do nothing"));
        assertEquals("1|b;INSERT 0 1", run(t, "insert into u2 values (6, 'a', null) on conflict (email) where "
                + "deleted_at is null do update set email = 'b' returning id, email"));
        assertEquals("3", run(t, "select count(*) from u2 where deleted_at is not null or email = 'b'"));
        // A partial index counts its own entries (pg_class.reltuples), after CREATE INDEX and REINDEX.
        run(t, "insert into u2 select g, 'm' || g, case when g % 2 = 0 then date '2020-01-01' end "
                + "from generate_series(10, 109) g");
        run(t, "reindex index u2_live");
        assertEquals("51|103", run(t, "select (select reltuples from pg_class where relname = 'u2_live'), "
                + "(select reltuples from pg_class where relname = 'u2')"));
    }

    @Test
    void theCatalogsAndPgGetIndexdefDescribeTheIndexAsPostgresDoes() {
        Transcript t = new Transcript(cluster.engine(), "postgres");
        run(t, "create table u3 (a int, b int, c text, d date)");
        run(t, "create index on u3 ((a + b), a)");
        run(t, "create index on u3 ((a + b), (a * b))");
        run(t, "create index u3_inc on u3 (a) include (b, c)");
        run(t, "create index u3_part on u3 (lower(c) desc nulls last) where a > 0 and c = 'x'");
        assertEquals("u3_expr_a_idx|2|2|0 1|t|f;u3_expr_expr1_idx|2|2|0 0|t|f;u3_inc|3|1|1 2 3|f|f;"
                + "u3_part|1|1|0|t|t", run(t, "select c.relname, indnatts, indnkeyatts, indkey, indexprs is not null,"
                        + " indpred is not null from pg_index i join pg_class c on c.oid = indexrelid where indrelid"
                        + " = 'u3'::regclass order by 1"));
        assertEquals("expr|int4;a|int4;expr|int4;expr1|int4;lower|text", run(t, "select attname, atttypid::regtype"
                + " from pg_attribute where attrelid in ('u3_expr_a_idx'::regclass, 'u3_expr_expr1_idx'::regclass,"
                + " 'u3_part'::regclass) order by attrelid::int, attnum").replace("integer", "int4"));
        assertEquals("CREATE INDEX u3_expr_a_idx ON public.u3 USING btree (((a + b)), a)",
                run(t, "select pg_get_indexdef('u3_expr_a_idx'::regclass)"));
        assertEquals("CREATE INDEX u3_inc ON public.u3 USING btree (a) INCLUDE (b, c)",
                run(t, "select pg_get_indexdef('u3_inc'::regclass)"));
        assertEquals("CREATE INDEX u3_part ON public.u3 USING btree (lower(c) DESC NULLS LAST) WHERE ((a > 0) AND "
                + "(c = 'x'::text))", run(t, "select pg_get_indexdef('u3_part'::regclass)"));
        assertEquals("CREATE INDEX u3_part ON u3 USING btree (lower(c) DESC NULLS LAST) WHERE a > 0 AND "
                + "c = 'x'::text", run(t, "select pg_get_indexdef('u3_part'::regclass, 0, true)"));
        assertEquals("(a + b)|((a * b))", run(t, "select pg_get_indexdef('u3_expr_expr1_idx'::regclass, 1, true), "
                + "pg_get_indexdef('u3_expr_expr1_idx'::regclass, 2, false)"));
        // RENAME COLUMN reaches the stored expressions; DROP COLUMN drops the indexes reading the column.
        run(t, "alter table u3 rename column c to cc");
        assertEquals("CREATE INDEX u3_part ON public.u3 USING btree (lower(cc) DESC NULLS LAST) WHERE ((a > 0) AND "
                + "(cc = 'x'::text))", run(t, "select pg_get_indexdef('u3_part'::regclass)"));
        run(t, "alter table u3 drop column b");
        assertEquals("u3_part", run(t, "select relname from pg_class where relname like 'u3_%' order by 1"));
    }

    @Test
    void includeColumnsAreNoPartOfUniquenessInAnIndexOrAConstraint() {
        Transcript t = new Transcript(cluster.engine(), "postgres");
        run(t, "create table u6 (a int, b int, c text)");
        assertEquals("ALTER TABLE", run(t, "alter table u6 add unique (a) include (b, c)"));
        assertEquals("CREATE INDEX", run(t, "create unique index u6_c on u6 (c) include (a)"));
        assertEquals("INSERT 0 1", run(t, "insert into u6 values (1, 1, 'x')"));
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"u6_a_b_c_key\" @- "
                + "D Key (a)=(1) already exists.", run(t, "insert into u6 values (1, 2, 'y')"));
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"u6_c\" @- "
                + "D Key (c)=(x) already exists.", run(t, "insert into u6 values (2, 2, 'x')"));
        assertEquals("u6_a_b_c_key|UNIQUE (a) INCLUDE (b, c)|{1}", run(t, "select conname, "
                + "pg_get_constraintdef(oid), conkey from pg_constraint where conrelid = 'u6'::regclass"));
        assertEquals("3|1", run(t, "select indnatts, indnkeyatts from pg_index where indexrelid = "
                + "'u6_a_b_c_key'::regclass"));
    }

    @Test
    void onlyImmutableExpressionsMayBeIndexed() {
        Transcript t = new Transcript(cluster.engine(), "postgres");
        run(t, "create table u4 (a int, t timestamptz)");
        assertEquals("E ERROR 42P17 functions in index expression must be marked IMMUTABLE @-",
                run(t, "create index on u4 (random())"));
        assertEquals("E ERROR 42P17 functions in index predicate must be marked IMMUTABLE @-",
                run(t, "create index on u4 (a) where t > now()"));
        assertEquals("E ERROR 42804 argument of WHERE must be type boolean, not type integer @30",
                run(t, "create index on u4 (a) where a"));
        assertEquals("E ERROR 42703 column \"nosuch\" does not exist @-", run(t, "create index on u4 (nosuch)"));
    }

    @Test
    void thePlannerSearchesExpressionKeysAndImpliedPartialIndexes() {
        Transcript t = new Transcript(cluster.engine(), "postgres");
        run(t, "create table u5 (id int, email text, deleted_at date, n int)");
        run(t, "insert into u5 select g, 'User' || g, case when g % 3 = 0 then date '2020-01-01' end, g % 10 "
                + "from generate_series(1, 300) g");
        run(t, "create index u5_lower on u5 (lower(email))");
        run(t, "create index u5_live on u5 (n) where deleted_at is null");
        run(t, "analyze u5");
        run(t, "set enable_seqscan = off; set enable_bitmapscan = off");
        assertEquals("Index Scan using u5_lower on u5\n  Index Cond: (lower(email) = 'user7'::text)",
                plan(t, "select * from u5 where lower(email) = 'user7'"));
        assertEquals("7|User7", run(t, "select id, email from u5 where lower(email) = 'user7'"));
        assertEquals("Index Scan using u5_live on u5\n  Index Cond: (n = 4)",
                plan(t, "select * from u5 where n = 4 and deleted_at is null"));
        assertEquals("20", run(t, "select count(*) from u5 where n = 4 and deleted_at is null"));
        // Without the predicate's condition the partial index may miss rows: not used.
        assertTrue(!plan(t, "select * from u5 where n = 4").contains("u5_live"));
        assertEquals("30", run(t, "select count(*) from u5 where n = 4"));
    }
}
