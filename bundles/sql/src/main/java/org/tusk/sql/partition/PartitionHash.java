package org.tusk.sql.partition;

import java.nio.charset.StandardCharsets;

import org.tusk.sql.types.SqlType;

/**
 * The hash that places a row in a hash partition, bit for bit PostgreSQL's (partbounds.c's
 * compute_partition_hash_value over the types' extended hash functions, which are Bob Jenkins' lookup3 in
 * hashfn.c): a table restored from pg_dump, or loaded by COPY, must find each row in the partition PostgreSQL
 * put it in, since a partition's rows are checked against its bound.
 */
final class PartitionHash {
    /** partition.h's HASH_PARTITION_SEED. */
    private static final long SEED = 0x7A5B22367996DCFDL;

    private PartitionHash() {
    }

    /** Whether a key column of this type can be hashed here. */
    static boolean supported(SqlType type) {
        return switch (type) {
            case INT2, INT4, INT8, DATE, BOOL, OID, TEXT, VARCHAR -> true;
            default -> false;
        };
    }

    /** The remainder of the key's combined hash modulo {@code modulus} (NULL columns are skipped). */
    static int remainder(Object[] key, SqlType[] types, int modulus) {
        long rowHash = 0;
        for (int i = 0; i < key.length; i++) {
            if (key[i] != null) {
                rowHash = combine(rowHash, hash(key[i], types[i]));
            }
        }
        return (int) Long.remainderUnsigned(rowHash, modulus);
    }

    /** hash_combine64. */
    private static long combine(long a, long b) {
        return a ^ (b + 0x49a0f4dd15e5a8e3L + (a << 54) + (a >>> 7));
    }

    private static long hash(Object v, SqlType type) {
        return switch (type) {
            case INT2, INT4, OID -> uint32((int) ((Number) v).longValue());
            // date_hash_extended hashes the int4 day number, counted from 2000-01-01.
            case DATE -> uint32((int) (((java.time.LocalDate) v).toEpochDay() - 10957));
            case BOOL -> uint32(((Boolean) v) ? 1 : 0);
            case INT8 -> int8((Long) v);
            case TEXT, VARCHAR -> bytes(((String) v).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("no partition hash for " + type);
        };
    }

    /** hashint8extended: the halves folded into one 32-bit value. */
    private static long int8(long v) {
        int lo = (int) v;
        int hi = (int) (v >>> 32);
        lo ^= v >= 0 ? hi : ~hi;
        return uint32(lo);
    }

    /** hash_uint32_extended. */
    private static long uint32(int k) {
        int[] s = new int[3];
        s[0] = s[1] = s[2] = 0x9e3779b9 + 4 + 3923095;
        s[0] += (int) (SEED >>> 32);
        s[1] += (int) SEED;
        mix(s);
        s[0] += k;
        fin(s);
        return (Integer.toUnsignedLong(s[1]) << 32) | Integer.toUnsignedLong(s[2]);
    }

    /** hash_any_extended over the bytes (little-endian word order, as PostgreSQL on x86 and ARM). */
    private static long bytes(byte[] k) {
        int len = k.length;
        int[] s = new int[3];
        s[0] = s[1] = s[2] = 0x9e3779b9 + len + 3923095;
        s[0] += (int) (SEED >>> 32);
        s[1] += (int) SEED;
        mix(s);
        int p = 0;
        while (len >= 12) {
            s[0] += word(k, p, 4);
            s[1] += word(k, p + 4, 4);
            s[2] += word(k, p + 8, 4);
            mix(s);
            p += 12;
            len -= 12;
        }
        // The tail: c's low byte holds the length, so its bytes go in from the second byte up.
        if (len > 8) {
            s[2] += word(k, p + 8, len - 8) << 8;
        }
        if (len > 4) {
            s[1] += word(k, p + 4, Math.min(4, len - 4));
        }
        if (len > 0) {
            s[0] += word(k, p, Math.min(4, len));
        }
        fin(s);
        return (Integer.toUnsignedLong(s[1]) << 32) | Integer.toUnsignedLong(s[2]);
    }

    /** Up to four bytes at {@code p} as a little-endian word. */
    private static int word(byte[] k, int p, int n) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            w |= (k[p + i] & 0xff) << (8 * i);
        }
        return w;
    }

    private static void mix(int[] s) {
        int a = s[0];
        int b = s[1];
        int c = s[2];
        a -= c;
        a ^= Integer.rotateLeft(c, 4);
        c += b;
        b -= a;
        b ^= Integer.rotateLeft(a, 6);
        a += c;
        c -= b;
        c ^= Integer.rotateLeft(b, 8);
        b += a;
        a -= c;
        a ^= Integer.rotateLeft(c, 16);
        c += b;
        b -= a;
        b ^= Integer.rotateLeft(a, 19);
        a += c;
        c -= b;
        c ^= Integer.rotateLeft(b, 4);
        b += a;
        s[0] = a;
        s[1] = b;
        s[2] = c;
    }

    private static void fin(int[] s) {
        int a = s[0];
        int b = s[1];
        int c = s[2];
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        s[0] = a;
        s[1] = b;
        s[2] = c;
    }
}
