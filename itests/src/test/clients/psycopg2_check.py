"""What a Python application does through psycopg2 (libpq underneath), printed line by line.

OtherClientsIT runs this against PostgreSQL 15 and against Tusk and compares the output: types as
Python sees them, parameters (psycopg2 quotes them into the SQL text), executemany, server-side
(named) cursors, transactions, errors with their SQLSTATE and fields, notices, COPY and
LISTEN/NOTIFY. Usage: python3 psycopg2_check.py HOST PORT USER DBNAME
"""
import datetime
import decimal
import io
import select
import sys
import time
import uuid

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import psycopg2.extras

host, port, user, dbname = sys.argv[1:5]


def connect():
    return psycopg2.connect(host=host, port=int(port), user=user, dbname=dbname)


def show(label, value):
    print(f"{label}: {value!r}")


conn = connect()
cur = conn.cursor()
show("autocommit", conn.autocommit)
show("server_encoding", conn.encoding)
show("status", conn.status == psycopg2.extensions.STATUS_READY)

cur.execute("drop table if exists py_items")
show("notices after drop if exists", [n.strip() for n in conn.notices])
cur.execute("""create table py_items (
    id serial primary key, name text not null, price numeric(10,2), qty int, ratio float8,
    born date, seen timestamp, seen_tz timestamptz, flag bool, data bytea, tags text[], ids int[],
    token uuid, span interval)""")
conn.commit()

# Types as Python objects, through psycopg2's own quoting of parameters.
row = ("widget", decimal.Decimal("12.50"), 3, 0.25, datetime.date(2024, 2, 29),
       datetime.datetime(2024, 2, 29, 13, 45, 30, 123456),
       datetime.datetime(2024, 2, 29, 13, 45, 30, tzinfo=datetime.timezone.utc), True, b"\x00\x01\xfe'\\",
       ["a", "b c", 'd"e', None], [1, 2, 3], uuid.UUID("12345678-1234-5678-1234-567812345678"),
       datetime.timedelta(days=1, seconds=3661))
cur.execute("""insert into py_items (name, price, qty, ratio, born, seen, seen_tz, flag, data, tags, ids, token, span)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::uuid, %s) returning id""",
            tuple(str(v) if isinstance(v, uuid.UUID) else v for v in row))
show("returning id", cur.fetchone())
show("rowcount", cur.rowcount)
cur.execute("set timezone = 'UTC'")
cur.execute("select name, price, qty, ratio, born, seen, seen_tz, flag, data, tags, ids, token, span from py_items")
got = cur.fetchone()
for name, value in zip([d.name for d in cur.description], got):
    if isinstance(value, memoryview):
        value = bytes(value)
    show("type " + name, (type(value).__name__, value))
show("description type codes", [d.type_code for d in cur.description])

# executemany, fetchmany, fetchall, rowcount, quoting of awkward strings.
cur.executemany("insert into py_items (name, qty, price) values (%s, %s, %s)",
                [("it's", 1, decimal.Decimal("0.10")), ("back\\slash", 2, None), ("üñí©ødé", 3, decimal.Decimal("-1"))])
show("executemany rowcount", cur.rowcount)
cur.execute("select id, name, qty, price from py_items order by id")
show("fetchmany(2)", cur.fetchmany(2))
show("fetchall", cur.fetchall())
cur.execute("update py_items set qty = qty + 1 where qty is not null")
show("update rowcount", cur.rowcount)
cur.execute("select count(*), sum(qty), avg(price) from py_items")
show("aggregates", cur.fetchone())
conn.commit()

# A dict cursor and a named (server-side) cursor: DECLARE ... / FETCH FORWARD n.
dcur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
dcur.execute("select id, name from py_items where id <= %(max)s order by id", {"max": 2})
show("dict rows", [dict(r) for r in dcur.fetchall()])
named = conn.cursor("py_cursor")
named.itersize = 2
named.execute("select g, g * g from generate_series(1, 7) g")
show("named cursor rows", list(named))
named.close()
scroll = conn.cursor("py_scroll", scrollable=True)
scroll.execute("select g from generate_series(1, 5) g")
scroll.fetchmany(3)
scroll.scroll(-2)
show("scrolled", scroll.fetchone())
scroll.scroll(0, mode="absolute")
show("absolute", scroll.fetchall())
scroll.close()
conn.commit()

# Errors: SQLSTATE, class, fields, and the transaction they leave.
for sql in ["insert into py_items (id, name) values (1, 'dup')", "select * from nosuch",
            "select 1/0", "insert into py_items (name) values (null)", "select 'x'::int"]:
    try:
        cur.execute(sql)
    except psycopg2.Error as e:
        show("error " + sql, (type(e).__name__, e.pgcode, e.diag.message_primary, e.diag.severity,
                             e.diag.table_name, e.diag.constraint_name, e.diag.column_name))
        show("status after error", conn.get_transaction_status())
        try:
            cur.execute("select 1")
        except psycopg2.Error as e2:
            show("in failed transaction", (type(e2).__name__, e2.pgcode))
        conn.rollback()

# Transactions: rollback undoes, commit keeps, context manager commits.
cur.execute("insert into py_items (name) values ('rolled back')")
conn.rollback()
with conn:
    with conn.cursor() as c2:
        c2.execute("insert into py_items (name) values ('committed')")
cur.execute("select name from py_items where name in ('rolled back', 'committed')")
show("after rollback and commit", cur.fetchall())
conn.commit()
conn.autocommit = True
cur.execute("begin")
cur.execute("insert into py_items (name) values ('in block')")
show("status in block", conn.get_transaction_status())
cur.execute("rollback")
conn.autocommit = False

# COPY in both directions.
cur.copy_expert("copy py_items (name, qty) from stdin with (format csv)", io.StringIO('copied,5\n"with, comma",6\n'))
show("copy in rowcount", cur.rowcount)
out = io.StringIO()
cur.copy_expert("copy (select name, qty from py_items where qty >= 5 order by qty) to stdout with (format csv, header)", out)
show("copy out", out.getvalue())
conn.commit()

# LISTEN/NOTIFY between two connections.
listener = connect()
listener.autocommit = True
listener.cursor().execute("listen py_channel")
conn.autocommit = True
cur.execute("notify py_channel, 'hello'")
cur.execute("select pg_notify('py_channel', 'again')")
deadline = time.monotonic() + 10
while len(listener.notifies) < 2 and time.monotonic() < deadline:
    select.select([listener], [], [], 1)
    listener.poll()
show("notifications", [(n.channel, n.payload) for n in listener.notifies])
listener.close()

cur.execute("drop table py_items")
conn.close()
show("closed", conn.closed)
