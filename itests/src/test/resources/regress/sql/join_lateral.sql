--
-- LATERAL items in explicit joins: LEFT JOIN LATERAL runs its subquery once per outer row (null-extended
-- when it finds nothing), inside larger joins too; RIGHT and FULL joins refuse a LATERAL reference
--
create table lat_a(x int); insert into lat_a values (1),(2),(3);
create table lat_b(x int, v text); insert into lat_b values (1,'a'),(1,'b'),(3,'c');
select a.x, s.y from lat_a a left join lateral (select a.x * 10 as y) s on true order by 1;
select a.x, s.c from lat_a a left join lateral (select count(*) c from lat_b b where b.x = a.x) s on true order by 1;
select a.x, s.v from lat_a a left join lateral (select v from lat_b b where b.x = a.x order by v limit 1) s on true order by 1;
select a.x, s.v from lat_a a join lateral (select v from lat_b b where b.x = a.x order by v desc limit 1) s on true order by 1;
select a.x, s.v from lat_a a left join lateral (select v from lat_b b where b.x = a.x) s on s.v <> 'b' order by 1, 2;
select a.x, s.n from lat_a a cross join lateral (select sum(b.x) n from lat_b b where b.x <= a.x) s order by 1;
select a.x, s.v, c.v from lat_a a left join lateral (select v from lat_b b where b.x = a.x order by v limit 1) s on true
  join lat_b c on c.x = a.x order by 1, 3;
select a.x, s.y, t.z from lat_a a left join lateral (select a.x + 1 as y) s on true
  left join lateral (select s.y * 2 as z where s.y > 2) t on true order by 1;
select count(*) from lat_a a left join lateral (select * from lat_b b where b.x = a.x) s on true;
drop table lat_a, lat_b;
