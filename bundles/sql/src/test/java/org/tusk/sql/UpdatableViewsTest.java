package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Automatically updatable views on storage: INSERT, UPDATE and DELETE through simple and nested views write
 * the table underneath, limited by the views' WHERE conditions; columns that are not plain columns refuse
 * writes; views that are not updatable give PostgreSQL's reason; WITH CHECK OPTION checks new rows. The
 * expected texts are what PostgreSQL 15 answered to the same statements.
 */
class UpdatableViewsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private final Transcript t = cluster.session();

    private String run(String sql) {
        return t.rowsAndTags(sql);
    }

    @Test
    void writesGoToTheTableWithinTheViewsCondition() {
        t.run("create table uv_t (a int primary key, b text default 'bdef', c int check (c > 0))");
        t.run("insert into uv_t values (1,'x',1),(2,'y',2),(3,'z',3)");
        t.run("create view uv_v as select a, b from uv_t where a > 2");
        assertEquals("10|y;INSERT 0 1", run("insert into uv_v values (10,'y') returning *"));
        assertEquals("UPDATE 0", run("update uv_v set b = 'q' where a = 1 returning *"));
        assertEquals("3|q;10|q;UPDATE 2", run("update uv_v set b = 'q' returning *"));
        assertEquals("10|q;DELETE 1", run("delete from uv_v where a = 10 returning *"));
        assertEquals("1|x|1;2|y|2;3|q|3", run("select * from uv_t order by a"));
        assertEquals("DELETE 1", run("delete from uv_v"));
        assertEquals("1|x|1;2|y|2", run("select * from uv_t order by a"));
        // The table's defaults, constraints and keys apply.
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"uv_t_pkey\" @- D Key (a)=(1) "
                + "already exists.", run("insert into uv_v values (1, 'dup')"));
        assertEquals("7|bdef;INSERT 0 1", run("insert into uv_v (a) values (7) returning a, b"));
    }

    @Test
    void columnsThatAreNotPlainReferencesAreReadOnly() {
        t.run("create table uc_t (a int primary key, b text default 'bdef')");
        t.run("create view uc_v as select a, b || 'x' as bx, 1 as one from uc_t");
        assertEquals("E ERROR 0A000 cannot insert into column \"bx\" of view \"uc_v\" @- D View columns that are not "
                + "columns of their base relation are not updatable.", run("insert into uc_v values (20, 'a')"));
        // Naming the column with DEFAULT still writes it (PostgreSQL checks every column of the target list).
        assertEquals("E ERROR 0A000 cannot insert into column \"bx\" of view \"uc_v\" @- D View columns that are not "
                + "columns of their base relation are not updatable.",
                run("insert into uc_v values (19, default), (20, default)"));
        assertEquals("20|bdefx|1;INSERT 0 1", run("insert into uc_v (a) values (20) returning *"));
        assertEquals("E ERROR 0A000 cannot update column \"bx\" of view \"uc_v\" @- D View columns that are not "
                + "columns of their base relation are not updatable.", run("update uc_v set bx = 'k'"));
        assertEquals("21|bdefx;UPDATE 1", run("update uc_v set a = a + 1 where bx = 'bdefx' returning a, bx"));
    }

    @Test
    void nestedViewsAndCheckOptions() {
        t.run("create table un_t (a int primary key, b text default 'bdef', c int)");
        t.run("create view un_w as select a, 1 as k from un_t where a < 5 with check option");
        t.run("create view un_n as select * from un_w where a > 1 with local check option");
        assertEquals("E ERROR 44000 new row violates check option for view \"un_w\" @- D Failing row contains "
                + "(7, bdef, null).", run("insert into un_w values (7)"));
        assertEquals("E ERROR 44000 new row violates check option for view \"un_n\" @- D Failing row contains "
                + "(0, bdef, null).", run("insert into un_n values (0)"));
        assertEquals("E ERROR 44000 new row violates check option for view \"un_w\" @- D Failing row contains "
                + "(9, bdef, null).", run("insert into un_n values (9)"));
        assertEquals("INSERT 0 1", run("insert into un_n values (3)"));
        assertEquals("E ERROR 44000 new row violates check option for view \"un_n\" @- D Failing row contains "
                + "(1, bdef, null).", run("update un_n set a = 1"));
        assertEquals("4|1;UPDATE 1", run("update un_n set a = 4 returning *"));
        assertEquals("{check_option=local}", run("select reloptions from pg_class where relname = 'un_n'"));
        assertEquals("DELETE 1", run("delete from un_n where k = 1"));
    }

    @Test
    void viewsThatAreNotUpdatableSayWhy() {
        t.run("create table ur_t (a int)");
        String hint = " @- H To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an "
                + "unconditional ON DELETE DO INSTEAD rule. D ";
        t.run("create view ur_d as select distinct a from ur_t");
        assertEquals("E ERROR 55000 cannot delete from view \"ur_d\"" + hint
                + "Views containing DISTINCT are not automatically updatable.", run("delete from ur_d"));
        assertEquals("E ERROR 55000 cannot insert into view \"ur_d\" @- H To enable inserting into the view, "
                + "provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT DO INSTEAD rule. D Views "
                + "containing DISTINCT are not automatically updatable.", run("insert into ur_d values (1)"));
        t.run("create view ur_g as select a from ur_t group by a");
        assertEquals("E ERROR 55000 cannot delete from view \"ur_g\"" + hint
                + "Views containing GROUP BY are not automatically updatable.", run("delete from ur_g"));
        t.run("create view ur_u as select a from ur_t union select 1");
        assertEquals("E ERROR 55000 cannot delete from view \"ur_u\"" + hint
                + "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.",
                run("delete from ur_u"));
        t.run("create view ur_j as select x.a from ur_t x, ur_t y");
        assertEquals("E ERROR 55000 cannot delete from view \"ur_j\"" + hint
                + "Views that do not select from a single table or view are not automatically updatable.",
                run("delete from ur_j"));
        t.run("create view ur_l as select a from ur_t limit 1");
        assertEquals("E ERROR 55000 cannot delete from view \"ur_l\"" + hint
                + "Views containing LIMIT or OFFSET are not automatically updatable.", run("delete from ur_l"));
        t.run("create view ur_a as select count(*) from ur_t");
        assertEquals("E ERROR 55000 cannot delete from view \"ur_a\"" + hint
                + "Views that return aggregate functions are not automatically updatable.", run("delete from ur_a"));
        t.run("create view ur_c as select 1 as x");
        assertEquals("E ERROR 55000 cannot delete from view \"ur_c\"" + hint
                + "Views that do not select from a single table or view are not automatically updatable.",
                run("delete from ur_c"));
        t.run("create view ur_e as select a + 1 as b from ur_t");
        assertEquals("E ERROR 55000 cannot update view \"ur_e\" @- H To enable updating the view, provide an "
                + "INSTEAD OF UPDATE trigger or an unconditional ON UPDATE DO INSTEAD rule. D Views that have no "
                + "updatable columns are not automatically updatable.", run("update ur_e set b = 1"));
        assertEquals("DELETE 0", run("delete from ur_e"));
    }

    @Test
    void alterViewOptionsAndViewDefaults() {
        t.run("create table ua_t (a int, b text default 'table')");
        t.run("create view ua_v with (security_barrier) as select a, b from ua_t where a > 1");
        assertEquals("ALTER VIEW", run("alter view ua_v set (check_option = local)"));
        assertEquals("{security_barrier=true,check_option=local}",
                run("select reloptions from pg_class where relname = 'ua_v'"));
        assertEquals("E ERROR 44000 new row violates check option for view \"ua_v\" @- D Failing row contains "
                + "(0, table).", run("insert into ua_v values (0)"));
        assertEquals("E ERROR 22023 invalid value for enum option \"check_option\": nowhere @- D Valid values are "
                + "\"local\" and \"cascaded\".", run("alter view ua_v set (check_option = nowhere)"));
        assertEquals("ALTER VIEW", run("alter view ua_v reset (security_barrier, check_option)"));
        assertEquals("\\N", run("select reloptions from pg_class where relname = 'ua_v'"));
        assertEquals("ALTER VIEW", run("alter view ua_v alter column b set default 'view'"));
        assertEquals("5|view;INSERT 0 1", run("insert into ua_v (a) values (5) returning *"));
        assertEquals("6|view;INSERT 0 1", run("insert into ua_v values (6, default) returning *"));
        t.run("update ua_t set b = 'x'");
        assertEquals("6|view;UPDATE 1", run("update ua_v set b = default where a = 6 returning *"));
        assertEquals("ALTER VIEW", run("alter view ua_v alter column b drop default"));
        assertEquals("7|table;INSERT 0 1", run("insert into ua_v (a) values (7) returning *"));
        assertEquals("E ERROR 42809 \"ua_t\" is not a view @-", run("alter view ua_t set (check_option = local)"));
    }

    @Test
    void theTableIsWrittenWithTheViewOwnersRights() {
        t.run("create role up_owner; create role up_user; create table up_t (a int, b text)");
        t.run("grant create, usage on schema public to up_owner; grant select on up_t to up_owner");
        t.run("set role up_owner; create view up_v as select a, b from up_t where a > 0; reset role");
        t.run("grant insert, update, delete, select on up_v to up_user");
        t.run("set role up_user");
        assertEquals("E ERROR 42501 permission denied for table up_t @-", run("insert into up_v values (1, 'x')"));
        assertEquals("E ERROR 42501 permission denied for table up_t @-", run("delete from up_v"));
        assertEquals("E ERROR 42501 permission denied for table up_t @-", run("insert into up_t values (1, 'x')"));
        t.run("reset role; grant insert on up_t to up_owner; set role up_user");
        assertEquals("2|x;INSERT 0 1", run("insert into up_v values (2, 'x') returning *"));
        assertEquals("E ERROR 42501 permission denied for table up_t @-", run("update up_v set b = 'y'"));
        t.run("reset role; revoke insert on up_v from up_user; set role up_user");
        assertEquals("E ERROR 42501 permission denied for view up_v @-", run("insert into up_v values (3, 'x')"));
        t.run("reset role");
    }
}
