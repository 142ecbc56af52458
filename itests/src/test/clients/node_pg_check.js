// What a Node.js application does through node-postgres (the "pg" package), printed line by line.
// OtherClientsIT runs this against PostgreSQL 15 and against Tusk and compares the output. node-postgres
// speaks the protocol itself: queries with parameters go through Parse/Bind/Execute (unnamed or named
// statements, text format), queries without through the simple protocol.
// Usage: node node_pg_check.js HOST PORT USER DBNAME   (NODE_PATH must reach the pg package)
const { Client } = require('pg');

const [host, port, user, database] = process.argv.slice(2);

function show(label, value) {
  console.log(label + ': ' + JSON.stringify(value));
}

async function main() {
  const client = new Client({ host, port: Number(port), user, database });
  const notices = [];
  client.on('notice', (n) => notices.push([n.severity, n.code, n.message]));
  await client.connect();
  await client.query('drop table if exists js_items');
  show('notices', notices);
  await client.query(`create table js_items (id serial primary key, name text not null, price numeric(10,2),
      qty int, big bigint, ratio float8, born date, flag bool, data bytea, tags text[], token uuid)`);

  const ins = await client.query(
    'insert into js_items (name, price, qty, big, ratio, born, flag, data, tags, token) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id, name',
    ['widget', '12.50', 3, '9007199254740993', 0.25, '2024-02-29', true, Buffer.from([0, 1, 254, 39]),
      ['a', 'b c', null], '12345678-1234-5678-1234-567812345678']);
  show('insert', { command: ins.command, rowCount: ins.rowCount, rows: ins.rows });

  const sel = await client.query('select name, price, qty, big, ratio, born::text, flag, data, tags, token from js_items');
  const r = sel.rows[0];
  show('row', { ...r, data: r.data.toString('hex') });
  show('fields', sel.fields.map((f) => [f.name, f.dataTypeID]));

  // A named prepared statement, run several times.
  for (let i = 0; i < 3; i++) {
    await client.query({ name: 'ins-item', text: 'insert into js_items (name, qty) values ($1, $2)', values: ['n' + i, i] });
  }
  const rowMode = await client.query({ text: 'select id, name, qty from js_items where qty < $1 order by id', values: [10], rowMode: 'array' });
  show('array rows', rowMode.rows);

  const upd = await client.query('update js_items set qty = qty * 2 where qty > $1', [0]);
  show('update', [upd.command, upd.rowCount]);
  const del = await client.query('delete from js_items where name = $1', ['n0']);
  show('delete', [del.command, del.rowCount]);

  // Errors with their fields; the connection stays usable.
  for (const [text, values] of [['insert into js_items (id, name) values ($1, $2)', [1, 'dup']],
    ['select * from nosuch', []], ['select $1::int', ['x']], ['select 1/0', []], ['selec 1', []]]) {
    try {
      await client.query(text, values);
    } catch (e) {
      show('error ' + text, [e.severity, e.code, e.message, e.table, e.constraint, e.position]);
    }
  }

  // Transactions.
  await client.query('begin');
  await client.query('insert into js_items (name) values ($1)', ['rolled back']);
  await client.query('rollback');
  await client.query('begin');
  await client.query('insert into js_items (name) values ($1)', ['kept']);
  try {
    await client.query('select 1/0');
  } catch (e) {
    show('in transaction', e.code);
  }
  try {
    await client.query('select 1');
  } catch (e) {
    show('aborted', [e.code, e.message]);
  }
  await client.query('rollback');
  const names = await client.query("select name from js_items where name in ('rolled back', 'kept')");
  show('after rollbacks', names.rows);

  // Several statements in one simple query, and an empty result.
  const multi = await client.query('select 1 as a; select 2 as b, 3 as c');
  show('multi', multi.map((m) => [m.command, m.rows]));
  const none = await client.query('select * from js_items where false');
  show('empty', [none.rowCount, none.fields.map((f) => f.name)]);

  // LISTEN/NOTIFY.
  const listener = new Client({ host, port: Number(port), user, database });
  await listener.connect();
  const got = new Promise((resolve) => listener.on('notification', (n) => resolve([n.channel, n.payload])));
  await listener.query('listen js_channel');
  await client.query("notify js_channel, 'hi there'");
  show('notification', await got);
  await listener.end();

  await client.query('drop table js_items');
  await client.end();
  show('done', true);
}

main().catch((e) => {
  console.log('FAILED: ' + e.stack);
  process.exit(1);
});
