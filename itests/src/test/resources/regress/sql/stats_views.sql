--
-- Cumulative statistics views (pg_stat_*, pg_statio_*, pg_stat_database, pg_stat_bgwriter) and pg_locks.
-- Counts are read after pg_stat_force_next_flush(), as PostgreSQL's own stats test does: a backend
-- flushes what it counted when its transaction ends (PostgreSQL: when it goes idle, at most once a second).
-- Only counts that are the same on every run are shown; tables stay far below autovacuum's thresholds.
--
-- The views' columns
\d pg_stat_user_tables
\d pg_stat_all_indexes
\d pg_statio_user_tables
\d pg_stat_database
\d pg_stat_bgwriter
-- Known DML on a new table: a primary key (its build is a sequential scan of the table), equality
-- lookups through the index, a count by sequential scan.
CREATE TABLE stats_t (a int PRIMARY KEY, b text);
INSERT INTO stats_t SELECT g, 'x' FROM generate_series(1, 10) g;
UPDATE stats_t SET b = 'y' WHERE a = 1;
UPDATE stats_t SET b = 'z' WHERE a = 2;
DELETE FROM stats_t WHERE a = 10;
SELECT count(*) FROM stats_t;
SELECT b FROM stats_t WHERE a = 5;
SELECT pg_stat_force_next_flush();
SELECT relname, seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd, n_tup_del,
       n_tup_hot_upd, n_live_tup, n_dead_tup, n_mod_since_analyze, n_ins_since_vacuum
  FROM pg_stat_user_tables WHERE relname = 'stats_t';
SELECT relname, indexrelname, idx_scan, idx_tup_read, idx_tup_fetch
  FROM pg_stat_user_indexes WHERE relname = 'stats_t';
SELECT last_vacuum, last_autovacuum, last_analyze, last_autoanalyze, vacuum_count, autovacuum_count,
       analyze_count, autoanalyze_count
  FROM pg_stat_all_tables WHERE relid = 'stats_t'::regclass;
-- The same counters through the functions the views call
SELECT pg_stat_get_live_tuples('stats_t'::regclass), pg_stat_get_dead_tuples('stats_t'::regclass),
       pg_stat_get_numscans('stats_t'::regclass), pg_stat_get_numscans('stats_t_pkey'::regclass),
       pg_stat_get_tuples_inserted('stats_t'::regclass), pg_stat_get_tuples_returned('stats_t'::regclass);
-- An object never counted has zeros
SELECT pg_stat_get_numscans(0), pg_stat_get_live_tuples(0), pg_stat_get_last_vacuum_time(0);
-- A rolled-back insert still counts as inserted, and leaves dead tuples, not live ones
BEGIN;
INSERT INTO stats_t VALUES (11, 'r'), (12, 'r');
ROLLBACK;
SELECT pg_stat_force_next_flush();
SELECT n_tup_ins, n_live_tup, n_dead_tup, n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'stats_t';
-- Inside a transaction the counters are a snapshot: the same values until pg_stat_clear_snapshot()
BEGIN;
SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'stats_t';
SELECT count(*) FROM stats_t;
SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'stats_t';
SELECT pg_stat_clear_snapshot();
SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'stats_t';
COMMIT;
SELECT pg_stat_force_next_flush();
SELECT seq_scan, seq_tup_read FROM pg_stat_user_tables WHERE relname = 'stats_t';
-- VACUUM and ANALYZE
VACUUM stats_t;
SELECT n_live_tup, n_dead_tup, n_ins_since_vacuum, last_vacuum IS NOT NULL AS vacuumed, vacuum_count,
       last_analyze IS NULL AS not_analyzed
  FROM pg_stat_user_tables WHERE relname = 'stats_t';
ANALYZE stats_t;
SELECT n_mod_since_analyze, last_analyze IS NOT NULL AS analyzed, analyze_count
  FROM pg_stat_user_tables WHERE relname = 'stats_t';
-- TRUNCATE starts the live and dead counts again
TRUNCATE stats_t;
SELECT pg_stat_force_next_flush();
INSERT INTO stats_t VALUES (1, 'a');
SELECT pg_stat_force_next_flush();
SELECT n_tup_ins, n_live_tup, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'stats_t';
-- Resetting one table's counters
SELECT pg_stat_reset_single_table_counters('stats_t'::regclass);
SELECT seq_scan, n_tup_ins, n_live_tup, vacuum_count FROM pg_stat_user_tables WHERE relname = 'stats_t';
-- Tables of the system schemas are in pg_stat_sys_tables, not in pg_stat_user_tables
SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'pg_class';
SELECT schemaname, relname FROM pg_stat_sys_tables WHERE relname = 'pg_class';
SELECT schemaname, relname, indexrelname FROM pg_stat_user_indexes WHERE relname = 'stats_t';
SELECT relname, heap_blks_read IS NOT NULL AS has_heap, idx_blks_read IS NOT NULL AS has_index FROM pg_statio_user_tables
  WHERE relname = 'stats_t';
-- pg_stat_database: one row per database and one for shared objects (datid 0)
SELECT datid, datname, numbackends FROM pg_stat_database WHERE datid = 0;
SELECT datname, numbackends > 0 AS connected, xact_commit > 0 AS committed, conflicts, deadlocks,
       checksum_failures, checksum_last_failure
  FROM pg_stat_database WHERE datname = current_database();
SELECT count(*) FROM pg_stat_bgwriter;
SELECT pg_stat_reset_shared('nothing');
SELECT pg_stat_reset_shared('bgwriter');
-- pg_locks: this session's relation locks in a transaction
BEGIN;
SELECT count(*) FROM stats_t;
SELECT locktype, relation::regclass, mode, granted, fastpath FROM pg_locks
  WHERE pid = pg_backend_pid() AND relation = 'stats_t'::regclass;
LOCK TABLE stats_t IN SHARE MODE;
SELECT locktype, relation::regclass, mode, granted, fastpath FROM pg_locks
  WHERE pid = pg_backend_pid() AND relation = 'stats_t'::regclass ORDER BY mode;
SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND NOT granted;
COMMIT;
SELECT count(*) FROM pg_locks WHERE relation = 'stats_t'::regclass;
SELECT pg_blocking_pids(pg_backend_pid());
DROP TABLE stats_t;
