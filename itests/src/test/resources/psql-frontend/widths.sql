-- display widths: type-based alignment, emoji, combining marks, format characters, wide and fullwidth forms, tabs, control characters, multi-line headers
select 1::int2 a, 2::int8 b, 3::oid c, 4.5::float4 d, 5::money e, 6::numeric f, true g, '{1,2}'::int[] h, '{"a":1}'::json i, 'x'::"char" j, 7::xid k;
select '😀' as emoji, '👍🏽' as skin, 'e' || chr(769) as comb, 'a' || chr(8203) || 'b' as zw, chr(12288) as ideo_space, '한국어' as ko, 'Ωmega' as greek;
select E'tab\there' as t, E'a\tb\tc' as t2, E'\u00a0nbsp' as n, E'x\x7fy' as del;
select '' as empty, ' ' as space, 'trailing  ' as tr;
select E'h1\nh2' as "multi
header", 1 as x;
\x
select E'h1\nh2' as "multi
header", 1 as x, E'd1\nd2\nd3' as y;
\x
select repeat('x', 100) as long;
select chr(65533) as repl, chr(173) as shy, chr(1564) as alm;
select string_agg(chr(i), '') as s from generate_series(8192, 8207) i;
select '𝔘𝔫𝔦' as math, 'ﬁ' as lig, 'Ａ' as fullwidth;
select chr(133) as c1, E'bell\x07' as bell;
