--
-- ERRORS
-- Error reports with their SQLSTATE-specific texts, positions and hints.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
DROP TABLE nosuch;
