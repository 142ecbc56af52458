-- ordered-set aggregates: percentile_cont, percentile_disc, mode (WITHIN GROUP)
create table osa (g int, x int, d interval, t text);
insert into osa values (1, 1, '1 hour', 'a'), (1, 2, '2 hours', 'b'), (1, 3, '4 hours', 'b'), (1, 10, null, 'c'),
  (2, 5, '1 day', 'z'), (2, null, '2 days', 'z'), (3, null, null, null);
select percentile_cont(0.5) within group (order by x) from osa;
select percentile_disc(0.5) within group (order by x) from osa;
select g, percentile_cont(0.25) within group (order by x), percentile_disc(0.25) within group (order by x),
  mode() within group (order by t) from osa group by g order by g;
select percentile_cont(0.5) within group (order by x desc) from osa where g = 1;
select percentile_cont(array[0, 0.25, 0.5, 1]) within group (order by x) from osa;
select percentile_disc(array[0.1, null, 0.9]) within group (order by t) from osa;
select percentile_cont(0.5) within group (order by d) from osa;
select percentile_disc(0) within group (order by x), percentile_disc(1) within group (order by x) from osa;
select mode() within group (order by x) from osa;
select mode() within group (order by t desc) from osa where g = 1;
select percentile_cont(0.5) within group (order by x) filter (where g = 2) from osa;
select percentile_cont(null) within group (order by x) from osa;
select percentile_cont(0.5) within group (order by x) from osa where false;
select percentile_cont(0.5) within group (order by x::float8 / 3) as third from osa;
-- errors
select percentile_cont(1.5) within group (order by x) from osa;
select percentile_cont(0.5) from osa;
select sum(x) within group (order by x) from osa;
select percentile_cont(0.5) within group (order by t) from osa;
select percentile_cont(0.5) within group (order by x) over () from osa;
drop table osa;
