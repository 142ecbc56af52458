-- psql's help texts: \? (with the current settings it shows), \? options, \? variables, and \h
\?
\x
\t on
\timing on
\? commands
\x auto
\? nosuchtopic
\timing off
\t off
\x off
\? options
\? variables
\h
\help
\h *
\h select
\h SELECT;
\h create t
\h create table foo
\h alter table x y
\h select x y
\h create  table
\h drop
\h rollback to
\h start transaction
\h set transaction
\h nosuch
\h nosuch thing;
\h   insert
\help values
