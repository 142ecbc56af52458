-- \lo_import, \lo_export, \lo_unlink, \lo_list (PostgreSQL only: Tusk has no large objects); OIDs are masked by the test
\lo_import lo.txt
select :LASTOID > 0 as positive_oid;
\lo_import lo.txt 'a comment'
\lo_list
\lo_export :LASTOID lo-out.txt
\lo_unlink :LASTOID
\lo_unlink 999999
\lo_export 999999 lo-out2.txt
\lo_import no-such-file.txt
\lo_import
\lo_export 1
\lo_unlink
\lo_unlink abc
begin;
\lo_import lo.txt
rollback;
\lo_list+
\! cat lo-out.txt; rm lo-out.txt
