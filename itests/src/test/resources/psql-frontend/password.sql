-- \password: two prompts without echo on stderr (no terminal), a mismatch, a verifier sent as ALTER USER
create role pwtest login;
\password pwtest
\password pwtest
\password "PWTEST"
\password
select rolname, substr(rolpassword, 1, 19) from pg_authid where rolname in ('pwtest');
drop role pwtest;
