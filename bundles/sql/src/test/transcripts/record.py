#!/usr/bin/env python3
"""Records the transcripts RecordedTranscriptsTest replays (src/test/resources/org/tusk/sql/cases.txt)
from a real PostgreSQL 15 server, speaking the simple query protocol directly so that every field of
every message is seen exactly as the server sent it.

    record.py cases.in > ../resources/org/tusk/sql/cases.txt

Cases in cases.in are separated by blank lines; each case runs on a fresh connection (made with
TimeZone=GMT, this engine's default); each line is one query string, with \\n and \\t escapes; lines
starting with # are comments. The server is reached at 127.0.0.1, port $PGQPORT (default 55499), as
user postgres with trust authentication.
"""
import socket, struct, sys, os
def conn(params=None):
    s = socket.create_connection(("127.0.0.1", int(os.environ.get("PGQPORT", "55499"))))
    p = {"user": "postgres", "database": "postgres"}
    if params: p.update(params)
    body = struct.pack("!i", 196608) + b"".join(k.encode()+b"\0"+v.encode()+b"\0" for k,v in p.items()) + b"\0"
    s.sendall(struct.pack("!i", len(body)+4) + body)
    return s
def recv(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n-len(b))
        if not c: raise EOFError
        b += c
    return b
def read(s):
    t = recv(s,1); l = struct.unpack("!i", recv(s,4))[0]; return t.decode(), recv(s, l-4)
def fields(b):
    out = {}
    for part in b.split(b"\0"):
        if part: out[chr(part[0])] = part[1:].decode()
    return out


def esc(s): return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
def unesc(s):
    out = []; i = 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            c = s[i+1]; out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(c, "\\" + c)); i += 2
        else: out.append(s[i]); i += 1
    return "".join(out)

def line(t, b):
    if t == 'T':
        n = struct.unpack("!h", b[:2])[0]; i = 2; cols = []
        for _ in range(n):
            j = b.index(b"\0", i); name = b[i:j].decode(); i = j+1
            toid, att, typ, ln, mod, fmt = struct.unpack("!ihihih", b[i:i+18]); i += 18
            cols.append(f"{name}:{typ}:{ln}:{mod}")
        return ("T " + ",".join(cols)).strip()
    if t == 'D':
        n = struct.unpack("!h", b[:2])[0]; i = 2; vals = []
        for _ in range(n):
            l = struct.unpack("!i", b[i:i+4])[0]; i += 4
            if l < 0: vals.append("\\N")
            else: vals.append(b[i:i+l].decode()); i += l
        return ("D " + "|".join(vals)).strip()
    if t == 'C': return "C " + b[:-1].decode()
    if t == 'I': return "I"
    if t == 'N':
        f = fields(b); return f"N {f['S']} {f['C']} {f['M']}"
    if t == 'E':
        f = fields(b); s = f"E {f['S']} {f['C']} {f['M']} @{f.get('P', '-')}"
        if 'H' in f: s += " H " + f['H']
        if 'D' in f: s += " D " + f['D']
        return s
    if t == 'S':
        k, v = b.split(b"\0")[:2]; return f"S {k.decode()}={v.decode()}"
    if t == 'Z': return "Z " + b.decode()
    if t == 'H': return f"H {b[0]} {struct.unpack('!h', b[1:3])[0]}"
    if t == 'd': return "d " + b.hex()
    if t == 'c': return "c"
    return None

cases = open(sys.argv[1]).read().split("\n\n")
for case in cases:
    queries = [q for q in case.split("\n") if q.strip() and not q.startswith("#")]
    if not queries: continue
    s = conn({"TimeZone": "GMT"})
    while True:
        t, b = read(s)
        if t == 'Z': break
    for q in queries:
        print("Q " + q)
        sql = unesc(q)
        qb = sql.encode() + b"\0"
        s.sendall(b"Q" + struct.pack("!i", len(qb)+4) + qb)
        out = []
        while True:
            t, b = read(s); l = line(t, b)
            if l: out.append(l)
            if t == 'Z': break
        # Tusk sends ParameterStatus before an ErrorResponse (the SPI ends a query by throwing).
        errs = [i for i, l in enumerate(out) if l.startswith("E ")]
        if errs:
            ps = [l for l in out if l.startswith("S ")]
            out = [l for l in out if not l.startswith("S ")]
            out[errs[0]:errs[0]] = ps
        for l in out: print(l)
    print()
