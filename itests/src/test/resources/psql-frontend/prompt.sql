-- \prompt reading a script file (-f): the text on stdout, the value from standard input
\prompt 'Enter a: ' avar
\echo :avar
\prompt bvar
\echo :bvar
\prompt
\prompt 'x' 'bad name'
\prompt 'Last: ' cvar
\echo :cvar
\s
\echo done
