-- \errverbose before and after an error, \encoding
\errverbose
select nosuch;
\errverbose
\encoding
