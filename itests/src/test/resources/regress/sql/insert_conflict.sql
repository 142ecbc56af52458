--
-- INSERT ... ON CONFLICT (upsert)
--
create table ic (key int primary key, fruit text, qty int default 0);
create unique index ic_fruit on ic (fruit);
insert into ic values (1, 'apple', 1), (2, 'banana', 2);

-- DO NOTHING, with and without a conflict target
insert into ic values (1, 'cherry', 5) on conflict do nothing;
insert into ic values (1, 'cherry', 5) on conflict (key) do nothing;
insert into ic values (3, 'apple', 5) on conflict (fruit) do nothing returning *;
insert into ic values (3, 'cherry', 3) on conflict do nothing returning key;
select * from ic order by key;

-- DO UPDATE with EXCLUDED and the target's columns
insert into ic values (1, 'apricot', 10) on conflict (key) do update set fruit = excluded.fruit, qty = ic.qty + excluded.qty;
insert into ic as i values (2, 'blueberry', 20) on conflict (key) do update set qty = i.qty + excluded.qty returning *;
insert into ic values (2, 'x', 1) on conflict (key) do update set qty = 0 where ic.qty > 100 returning *;
insert into ic values (2, 'x', 1), (4, 'date', 4) on conflict (key) do update set qty = ic.qty + 1 returning key, qty;
insert into ic values (3, 'y', 7) on conflict on constraint ic_pkey do update set qty = excluded.qty * 2;
insert into ic values (9, 'apricot', 7) on conflict (fruit) do update set qty = default;
select * from ic order by key;

-- multi-row VALUES and INSERT ... SELECT
insert into ic select g, 'f' || g, g from generate_series(3, 6) g on conflict (key) do update set qty = excluded.qty + 100;
insert into ic (key, fruit) select key, fruit from ic on conflict do nothing;
select * from ic order by key;

-- errors
insert into ic values (1, 'a') on conflict (qty) do nothing;
insert into ic values (1, 'a') on conflict (nosuch) do nothing;
insert into ic values (1, 'a') on conflict do update set qty = 1;
insert into ic values (1, 'a') on conflict on constraint nope do nothing;
insert into ic values (1, 'a') on conflict (key) do update set nosuch = 1;
insert into ic values (1, 'a') on conflict (key) do update set qty = qty + 1;
insert into ic values (1, 'a') on conflict (key) do update set qty = excluded.nosuch;
insert into ic values (1, 'a'), (1, 'b') on conflict (key) do update set qty = 1;
insert into ic values (7, 'a'), (7, 'b') on conflict (key) do nothing;
insert into nosuch values (1) on conflict do nothing;
insert into ic values (1, 'a') on conflict on constraint ic_fruit do nothing;
insert into ic values (1, 'a') on conflict (key, nosuch) do nothing;
insert into ic values (1, 'a') on conflict (key, fruit) do nothing;
insert into ic values (10, 'banana', 1) on conflict (key) do update set qty = 1;
select * from ic order by key;

-- prepared statements
prepare up(int, text, int) as insert into ic values ($1, $2, $3) on conflict (key) do update set qty = ic.qty + excluded.qty returning qty;
execute up(1, 'z', 5);
execute up(1, 'z', 5);
execute up(20, 'twenty', 5);
deallocate up;

-- triggers: BEFORE INSERT fires for every proposed row, UPDATE triggers for updated rows
create table ic_log (msg text);
create function ic_trig() returns trigger language plpgsql as $$
begin
  insert into ic_log values (tg_when || ' ' || tg_op || ' ' || tg_level);
  if tg_level = 'ROW' then
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end if;
  return null;
end $$;
create trigger b_ins before insert on ic for each row execute function ic_trig();
create trigger a_ins after insert on ic for each row execute function ic_trig();
create trigger b_upd before update on ic for each row execute function ic_trig();
create trigger a_upd after update on ic for each row execute function ic_trig();
insert into ic values (1, 'q', 1), (30, 'thirty', 3) on conflict (key) do update set qty = 0;
select * from ic_log;
drop table ic_log;
drop function ic_trig() cascade;

-- PL/pgSQL
do $$
declare n int;
begin
  insert into ic values (1, 'w', 1) on conflict (key) do update set qty = 42;
  get diagnostics n = row_count;
  raise notice 'rows %', n;
  insert into ic values (1, 'w', 1) on conflict do nothing;
  get diagnostics n = row_count;
  raise notice 'rows %', n;
end $$;


-- a multi-column key, and a conflict target written in another order
create table ic2 (a int, b text, n int, unique (a, b));
insert into ic2 values (1, 'x', 1), (1, null, 1);
insert into ic2 values (1, 'x', 5), (1, null, 5) on conflict (b, a) do update set n = ic2.n + excluded.n returning *;
select * from ic2 order by a, b, n;
drop table ic2;

-- deferrable unique constraints cannot be arbiters
create table ic3 (a int, b int, constraint ic3_a unique (a) deferrable);
insert into ic3 values (1, 1) on conflict (a) do nothing;
insert into ic3 values (1, 1) on conflict do nothing;
insert into ic3 values (1, 1) on conflict on constraint ic3_a do nothing;
drop table ic3;

-- DO NOTHING through an automatically updatable view
create view icv as select key as k, fruit from ic where key < 100;
insert into icv values (1, 'again'), (50, 'fifty') on conflict (k) do nothing returning *;
insert into icv values (2, 'x') on conflict do nothing;
select * from icv order by k;
drop view icv;
drop table ic;

-- DO UPDATE through automatically updatable views: SET and EXCLUDED name the view's columns (a computed
-- one reads the proposed row), the conflicting row must be one the view shows (55000), WITH CHECK OPTION
-- checks the updated row (44000), and ON CONSTRAINT looks for the constraint on the view
create table icb (id int primary key, v text, n int default 0, hidden text default 'h');
create view icbv as select id, v as val, n from icb where n < 100;
create view icbc as select id, v as val, n from icb where n < 100 with check option;
insert into icbv values (1, 'a', 1);
insert into icbv values (1, 'b', 5) on conflict (id) do update set val = excluded.val, n = icbv.n + excluded.n returning *;
insert into icbv as x values (1, 'c', 5) on conflict (id) do update set val = x.val || excluded.val returning *;
insert into icbc values (1, 'd', 500) on conflict (id) do update set n = excluded.n;
insert into icbc values (1, 'd', 50) on conflict (id) do update set n = excluded.n + 100;
insert into icbc values (1, 'd', 50) on conflict (id) do update set n = excluded.n returning *;
insert into icbc values (2, 'd', 500) on conflict (id) do update set n = excluded.n;
insert into icbv values (1, 'e', 7) on conflict (val) do update set n = 0;
insert into icbv values (1, 'e', 7) on conflict (id) do update set hidden = 'x';
insert into icbv values (1, 'e', 7) on conflict (id) do update set val = excluded.hidden;
insert into icbv values (1, 'e', 7) on conflict (id) do update set n = 1 where icbv.val = 'zz';
insert into icbv values (1, 'e', 7) on conflict (id) do update set n = 1 where excluded.val = 'e' returning *;
insert into icbv values (1, 'e', 7) on conflict (id) do update set n = 1 where id = 1;
insert into icbv values (1, 'e', 7) on conflict on constraint icb_pkey do update set n = 2;
insert into icbv values (1, 'e', 7) on conflict on constraint icb_pkey do nothing;
update icb set n = 200 where id = 1;
insert into icbv values (1, 'f', 7) on conflict (id) do update set n = 3;
insert into icbv values (1, 'f', 7) on conflict (id) do update set n = 3 where false;
insert into icbv values (1, 'f', 7) on conflict (id) do nothing;
update icb set n = 0;
create view icbx as select id, n + 1 as n1, n, v from icb where v <> 'zz';
insert into icbx (id, n) values (1, 1) on conflict (id) do update set n1 = 5;
insert into icbx (id, n) values (1, 1) on conflict (id) do update set n = excluded.n1 * 10 returning *;
create view icby as select * from icbx where n < 5 with local check option;
insert into icby (id, n) values (1, 1) on conflict (id) do update set n = 3;
update icb set v = 'zz', n = 10;
insert into icby (id, n) values (1, 1) on conflict (id) do update set n = 3;
update icb set v = 'ok', n = 1;
insert into icby (id, n) values (1, 1) on conflict (id) do update set n = 4 returning *;
insert into icby (id, n) values (1, 1) on conflict (id) do update set n = 40;
select * from icb order by id;
drop view icby, icbx, icbc, icbv;
drop table icb;

-- privileges: INSERT, SELECT on the columns ON CONFLICT reads (its target, DO UPDATE's expressions over the
-- existing and the proposed row, RETURNING), UPDATE on the columns DO UPDATE sets
create role regress_upserter;
create table icp (k int primary key, n int, m int, s text);
insert into icp values (1, 1, 1, 'a');
grant insert on icp to regress_upserter;
grant update (n) on icp to regress_upserter;
set role regress_upserter;
insert into icp values (1, 2, 2, 'b') on conflict do nothing;
insert into icp values (1, 2, 2, 'b') on conflict (k) do nothing;
insert into icp values (1, 2, 2, 'b') on conflict on constraint icp_pkey do nothing;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = 5;
reset role;
grant select (k) on icp to regress_upserter;
set role regress_upserter;
insert into icp values (1, 2, 2, 'b') on conflict (k) do nothing;
insert into icp values (1, 2, 2, 'b') on conflict on constraint icp_pkey do update set n = 5;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set m = 5;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = icp.n;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = excluded.n;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = excluded.k + icp.k;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = 1 where icp.s = 'a';
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = 1 where excluded.s = 'a';
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = 7 returning k;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = 1 returning n;
reset role;
grant update (m) on icp to regress_upserter;
set role regress_upserter;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set m = icp.k, n = 8;
reset role;
grant select on icp to regress_upserter;
revoke update on icp from regress_upserter;
set role regress_upserter;
insert into icp values (1, 2, 2, 'b') on conflict (k) do update set n = 5;
insert into icp values (1, 2, 2, 'b') on conflict (k) do nothing;
reset role;
select * from icp;
drop table icp;
drop role regress_upserter;

-- a view with an INSTEAD OF INSERT trigger has no arbiter: a conflict target finds none, DO NOTHING without
-- one runs the trigger
create table ict (k int primary key, n int);
create view ictv as select k, n from ict;
create function ictv_insert() returns trigger language plpgsql as $$
begin
  insert into ict values (new.k, new.n) on conflict (k) do update set n = ict.n + excluded.n;
  return new;
end $$;
create trigger ictv_insert instead of insert on ictv for each row execute function ictv_insert();
insert into ictv values (1, 1) on conflict do nothing;
insert into ictv values (1, 10), (2, 2) on conflict do nothing returning *;
insert into ictv values (1, 1) on conflict (k) do nothing;
insert into ictv values (1, 1) on conflict (zz) do nothing;
insert into ictv values (1, 1) on conflict on constraint ict_pkey do nothing;
insert into ictv values (1, 1) on conflict do update set n = 0;
select * from ict order by k;
drop view ictv;
drop function ictv_insert();
drop table ict;

-- the SQLSTATEs of the errors above that psql's default verbosity does not show
\set VERBOSITY sqlstate
create table ics (k int primary key, n int);
insert into ics values (1, 500);
create view icsv as select k, n from ics where n < 100;
create view icsd as select distinct k from ics;
insert into icsv values (1, 1) on conflict (k) do update set n = 2;
insert into icsd values (1) on conflict do nothing;
insert into icsv values (1, 1) on conflict on constraint ics_pkey do nothing;
insert into icsv values (1, 1) on conflict (n) do nothing;
\set VERBOSITY default
drop view icsv, icsd;
drop table ics;
