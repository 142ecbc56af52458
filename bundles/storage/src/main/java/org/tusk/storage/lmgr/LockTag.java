package org.tusk.storage.lmgr;

/**
 * The identity of a lockable thing (PostgreSQL's {@code LOCKTAG}): a type and four 32-bit fields whose
 * meaning depends on the type. A transaction tag keeps its 64-bit xid in fields 1 (low half) and 2
 * (high half), since Tusk's transaction ids never wrap. Oids and block numbers are unsigned in
 * PostgreSQL; they are carried here as the same 32 bits in an {@code int} and printed unsigned.
 *
 * <p>The tag is what goes into the shared hash table, so equality is field equality; {@link #hash()}
 * picks the bucket and the partition.
 */
public record LockTag(LockTagType type, int field1, int field2, int field3, int field4) {

    public LockTag {
        if (type == null) {
            throw new IllegalArgumentException("lock tag without a type");
        }
    }

    /** {@code LOCK TABLE} and every statement's relation locks. */
    public static LockTag relation(int databaseOid, int relationOid) {
        return new LockTag(LockTagType.RELATION, databaseOid, relationOid, 0, 0);
    }

    /** A tuple lock, taken while waiting to lock a row other transactions are also after. */
    public static LockTag tuple(int databaseOid, int relationOid, int blockNumber, int offsetNumber) {
        return new LockTag(LockTagType.TUPLE, databaseOid, relationOid, blockNumber, offsetNumber);
    }

    /** The lock a transaction holds on its own id, and that others wait on to see it end. */
    public static LockTag transaction(long xid) {
        return new LockTag(LockTagType.TRANSACTION, (int) xid, (int) (xid >>> 32), 0, 0);
    }

    public static LockTag object(int databaseOid, int classOid, int objectOid, int objectSubId) {
        return new LockTag(LockTagType.OBJECT, databaseOid, classOid, objectOid, objectSubId);
    }

    /** {@code pg_advisory_lock(bigint)}: the key split into high and low halves, field 4 = 1. */
    public static LockTag advisory(int databaseOid, long key) {
        return new LockTag(LockTagType.ADVISORY, databaseOid, (int) (key >>> 32), (int) key, 1);
    }

    /** {@code pg_advisory_lock(int, int)}: field 4 = 2. */
    public static LockTag advisory(int databaseOid, int key1, int key2) {
        return new LockTag(LockTagType.ADVISORY, databaseOid, key1, key2, 2);
    }

    /** The xid of a transaction tag. */
    public long transactionId() {
        if (type != LockTagType.TRANSACTION) {
            throw new IllegalStateException("not a transaction lock tag: " + this);
        }
        return Integer.toUnsignedLong(field1) | (long) field2 << 32;
    }

    /**
     * The tag as PostgreSQL describes it in messages ({@code DescribeLockTag}), e.g. "relation 16384
     * of database 5", "transaction 740", "tuple (0,3) of relation 16384 of database 5".
     */
    public String describe() {
        return switch (type) {
            case RELATION -> "relation " + u(field2) + " of database " + u(field1);
            case TUPLE -> "tuple (" + u(field3) + "," + u(field4) + ") of relation " + u(field2)
                    + " of database " + u(field1);
            case TRANSACTION -> "transaction " + Long.toUnsignedString(transactionId());
            case OBJECT -> "object " + u(field3) + " of class " + u(field2) + " of database " + u(field1);
            case ADVISORY -> "advisory lock [" + u(field1) + "," + u(field2) + "," + u(field3) + "," + u(field4) + "]";
        };
    }

    /**
     * A well-mixed 32-bit hash of the fields (murmur3's finalizer over a simple combination). Its low
     * bits choose the partition and the bucket, so they must depend on every field.
     */
    public int hash() {
        int h = type.ordinal();
        h = h * 0x9E3779B1 + field1;
        h = h * 0x9E3779B1 + field2;
        h = h * 0x9E3779B1 + field3;
        h = h * 0x9E3779B1 + field4;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String u(int value) {
        return Integer.toUnsignedString(value);
    }
}
