package org.tusk.storage.page;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.StorageConstants;

/**
 * The slotted page every relation fork uses, PostgreSQL's {@code bufpage.c} over a
 * {@link MemorySegment} of {@link StorageConstants#BLOCK_SIZE} bytes (a shared buffer, or a copy).
 * All methods are static and pure: they read and write the bytes of the page and nothing else; the
 * caller holds whatever buffer lock the operation needs and writes WAL.
 *
 * <pre>
 * +----------------+---------------------------------+
 * | header (32 B)  | line pointer 1, 2, 3 ... →      |
 * +-------------+--+---------------------------------+
 * | ... → pd_lower          free space         pd_upper ← |
 * +-------------+------------------------------------+
 * |          ← item 3 | item 2 | item 1              |
 * +-------------------------------+------------------+
 * |                               | special space    |
 * +-------------------------------+------------------+
 *                                 ^ pd_special
 * </pre>
 *
 * Header (little-endian, like everything on disk): {@code 0} page LSN (8, see {@link PageLsn}),
 * {@code 8} checksum (2), {@code 10} flags (2), {@code 12} pd_lower (2), {@code 14} pd_upper (2),
 * {@code 16} pd_special (2), {@code 18} page size | layout version (2), {@code 20} reserved (4, zero),
 * {@code 24} prune xid (8: the oldest xmax that may make a tuple prunable; 64-bit xids).
 *
 * <p>A line pointer (item identifier) is 4 bytes with PostgreSQL's bit packing: offset (15 bits),
 * flags (2 bits: unused, normal, redirect, dead), length (15 bits). Offset numbers start at 1.
 * Items are MAXALIGNed (8 bytes) and grow down from pd_upper; line pointers grow up from the header.
 */
public final class Page {

    public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static final int SIZE = StorageConstants.BLOCK_SIZE;
    /** PostgreSQL's MAXIMUM_ALIGNOF on 64-bit platforms. */
    public static final int MAXALIGN = 8;

    static final int OFF_CHECKSUM = 8;
    static final int OFF_FLAGS = 10;
    static final int OFF_LOWER = 12;
    static final int OFF_UPPER = 14;
    static final int OFF_SPECIAL = 16;
    static final int OFF_SIZE_VERSION = 18;
    static final int OFF_PRUNE_XID = 24;
    /** SizeOfPageHeaderData: 24 in PostgreSQL, 32 here because the prune xid is 64 bits. */
    public static final int HEADER_SIZE = 32;
    /** sizeof(ItemIdData). */
    public static final int ITEM_ID_SIZE = 4;

    /**
     * The layout version stored in the low byte of pd_pagesize_version. PostgreSQL's current layout is
     * 4; Tusk's differs (64-bit xids, a 32-byte header), so it has its own number: PostgreSQL would
     * refuse the page rather than misread it.
     */
    public static final int LAYOUT_VERSION = 0x54; // 'T'

    /** There are unused line pointers before pd_lower: worth a search before extending the array. */
    public static final int PD_HAS_FREE_LINES = 0x0001;
    /** An UPDATE found no room for its new tuple here (a prune hint). */
    public static final int PD_PAGE_FULL = 0x0002;
    /** Every tuple on the page is visible to everyone. */
    public static final int PD_ALL_VISIBLE = 0x0004;
    static final int PD_VALID_FLAG_BITS = 0x0007;

    /** No offset: "append" when adding, "no room" or "failed" when returned. */
    public static final int INVALID_OFFSET = 0;
    public static final int FIRST_OFFSET = 1;

    public static final int LP_UNUSED = 0;
    public static final int LP_NORMAL = 1;
    public static final int LP_REDIRECT = 2;
    public static final int LP_DEAD = 3;

    /**
     * MaxHeapTuplesPerPage: how many line pointers a heap page can need, each pointing at the smallest
     * possible tuple (a MAXALIGNed 40-byte header, see the heap package). Bounds the line-pointer array
     * so that a page full of dead pointers cannot starve the space for tuples forever.
     */
    public static final int MAX_HEAP_TUPLES_PER_PAGE = (SIZE - HEADER_SIZE) / (40 + ITEM_ID_SIZE);

    private Page() {
    }

    public static int maxAlign(int length) {
        return (length + MAXALIGN - 1) & -MAXALIGN;
    }

    // ---------------------------------------------------------------- header

    /**
     * Formats an empty page with {@code specialSize} bytes (MAXALIGNed) of special space at its end.
     * Everything else, the LSN included, is zeroed.
     */
    public static void initialize(MemorySegment page, int specialSize) {
        checkSize(page);
        int special = SIZE - maxAlign(specialSize);
        if (specialSize < 0 || special < HEADER_SIZE) {
            throw new IllegalArgumentException("special space too large: " + specialSize);
        }
        page.fill((byte) 0);
        setShort(page, OFF_LOWER, HEADER_SIZE);
        setShort(page, OFF_UPPER, special);
        setShort(page, OFF_SPECIAL, special);
        setShort(page, OFF_SIZE_VERSION, SIZE | LAYOUT_VERSION);
    }

    /** A page never initialized (all zeros, as an extended relation file reads back): pd_upper is 0. */
    public static boolean isNew(MemorySegment page) {
        return upper(page) == 0;
    }

    public static long lsn(MemorySegment page) {
        return PageLsn.get(page);
    }

    public static void setLsn(MemorySegment page, long lsn) {
        PageLsn.set(page, lsn);
    }

    public static int lower(MemorySegment page) {
        return getShort(page, OFF_LOWER);
    }

    public static int upper(MemorySegment page) {
        return getShort(page, OFF_UPPER);
    }

    public static int special(MemorySegment page) {
        return getShort(page, OFF_SPECIAL);
    }

    public static int specialSize(MemorySegment page) {
        return SIZE - special(page);
    }

    /** The special space as a slice of the page (for an access method's opaque data). */
    public static MemorySegment specialSpace(MemorySegment page) {
        return page.asSlice(special(page), specialSize(page));
    }

    public static int flags(MemorySegment page) {
        return getShort(page, OFF_FLAGS);
    }

    public static void setFlags(MemorySegment page, int flags) {
        setShort(page, OFF_FLAGS, flags);
    }

    public static boolean hasFlag(MemorySegment page, int flag) {
        return (flags(page) & flag) != 0;
    }

    public static void setFlag(MemorySegment page, int flag, boolean on) {
        int f = flags(page);
        setFlags(page, on ? f | flag : f & ~flag);
    }

    public static int checksum(MemorySegment page) {
        return getShort(page, OFF_CHECKSUM);
    }

    public static long pruneXid(MemorySegment page) {
        return page.get(LONG, OFF_PRUNE_XID);
    }

    /** Sets pd_prune_xid; {@link #notePrunable} is what heap operations use. */
    public static void setPruneXid(MemorySegment page, long xid) {
        page.set(LONG, OFF_PRUNE_XID, xid);
    }

    /** PageSetPrunable: remember the oldest xid whose end may make a tuple here removable. */
    public static void notePrunable(MemorySegment page, long xid) {
        long current = pruneXid(page);
        if (current == 0 || xid < current) {
            setPruneXid(page, xid);
        }
    }

    // ---------------------------------------------------------------- line pointers

    /** The number of line pointers (the highest offset number in use, used or not). */
    public static int maxOffset(MemorySegment page) {
        int lower = lower(page);
        return lower <= HEADER_SIZE ? 0 : (lower - HEADER_SIZE) / ITEM_ID_SIZE;
    }

    private static long itemIdAt(int offsetNumber) {
        return HEADER_SIZE + (long) (offsetNumber - 1) * ITEM_ID_SIZE;
    }

    private static int itemId(MemorySegment page, int offsetNumber) {
        if (offsetNumber < FIRST_OFFSET || offsetNumber > maxOffset(page)) {
            throw new IndexOutOfBoundsException("offset number " + offsetNumber + " not in 1.." + maxOffset(page));
        }
        return page.get(INT, itemIdAt(offsetNumber));
    }

    private static void setItemId(MemorySegment page, int offsetNumber, int off, int flags, int len) {
        page.set(INT, itemIdAt(offsetNumber), (off & 0x7FFF) | (flags & 3) << 15 | (len & 0x7FFF) << 17);
    }

    /** lp_flags: {@link #LP_UNUSED}, {@link #LP_NORMAL}, {@link #LP_REDIRECT} or {@link #LP_DEAD}. */
    public static int itemFlags(MemorySegment page, int offsetNumber) {
        return (itemId(page, offsetNumber) >>> 15) & 3;
    }

    /** lp_off: where the item starts, or the target offset number of a redirect. */
    public static int itemOffset(MemorySegment page, int offsetNumber) {
        return itemId(page, offsetNumber) & 0x7FFF;
    }

    /** lp_len: the item's length in bytes (0 when it has no storage). */
    public static int itemLength(MemorySegment page, int offsetNumber) {
        return itemId(page, offsetNumber) >>> 17;
    }

    public static boolean isUsed(MemorySegment page, int offsetNumber) {
        return itemFlags(page, offsetNumber) != LP_UNUSED;
    }

    public static boolean isNormal(MemorySegment page, int offsetNumber) {
        return itemFlags(page, offsetNumber) == LP_NORMAL;
    }

    public static boolean isDead(MemorySegment page, int offsetNumber) {
        return itemFlags(page, offsetNumber) == LP_DEAD;
    }

    public static boolean isRedirect(MemorySegment page, int offsetNumber) {
        return itemFlags(page, offsetNumber) == LP_REDIRECT;
    }

    public static boolean hasStorage(MemorySegment page, int offsetNumber) {
        return itemLength(page, offsetNumber) != 0;
    }

    /**
     * The item of a normal line pointer with storage (a slice of the page), else null, for a caller
     * that walks offsets 1..{@link #maxOffset} it read once: the line pointer is read once, without the
     * bounds check and the three further reads of pd_lower that {@link #isNormal} and {@link #item}
     * would make (a sequential scan asks this for every row of every page).
     */
    public static MemorySegment normalItemWithin(MemorySegment page, int offsetNumber) {
        int id = page.get(INT, itemIdAt(offsetNumber));
        int len = id >>> 17;
        if (((id >>> 15) & 3) != LP_NORMAL || len == 0) {
            return null;
        }
        return page.asSlice(id & 0x7FFF, len);
    }

    /** The item's bytes, a slice of the page (writes go to the page). */
    public static MemorySegment item(MemorySegment page, int offsetNumber) {
        int id = itemId(page, offsetNumber);
        int len = id >>> 17;
        if (len == 0) {
            throw new IllegalStateException("line pointer " + offsetNumber + " has no storage");
        }
        return page.asSlice(id & 0x7FFF, len);
    }

    /**
     * ItemIdMarkDead: flags the item dead but keeps its storage (an index's "killed" hint: the entry
     * is still there to be read, a later cleanup removes it).
     */
    public static void markDead(MemorySegment page, int offsetNumber) {
        int id = itemId(page, offsetNumber);
        setItemId(page, offsetNumber, id & 0x7FFF, LP_DEAD, id >>> 17);
    }

    /** ItemIdSetDead: dead with no storage (heap pruning); the space is reclaimed by the next compaction. */
    public static void setDead(MemorySegment page, int offsetNumber) {
        itemId(page, offsetNumber);
        setItemId(page, offsetNumber, 0, LP_DEAD, 0);
    }

    /** ItemIdSetUnused: the line pointer may be reused by the next add; its storage is freed on compaction. */
    public static void setUnused(MemorySegment page, int offsetNumber) {
        itemId(page, offsetNumber);
        setItemId(page, offsetNumber, 0, LP_UNUSED, 0);
        setFlag(page, PD_HAS_FREE_LINES, true);
    }

    /** ItemIdSetRedirect: the line pointer forwards to another on the same page (the head of a HOT chain). */
    public static void setRedirect(MemorySegment page, int offsetNumber, int target) {
        itemId(page, offsetNumber);
        setItemId(page, offsetNumber, target, LP_REDIRECT, 0);
    }

    // ---------------------------------------------------------------- adding items

    /**
     * PageAddItemExtended. Puts {@code item} on the page and returns its offset number, or
     * {@link #INVALID_OFFSET} if it does not fit.
     *
     * <ul>
     * <li>{@code offsetNumber == INVALID_OFFSET}: the first unused line pointer if the page has some
     *     (PD_HAS_FREE_LINES), else a new one at the end.</li>
     * <li>a given offset with {@code overwrite}: that line pointer must be unused (or the next new
     *     one); heap redo uses this to put a tuple back where it was.</li>
     * <li>a given offset without {@code overwrite}: the line pointers from there on move up by one
     *     (an index inserting in key order; offset numbers of later items change).</li>
     * </ul>
     * {@code heap} caps the line pointers at {@link #MAX_HEAP_TUPLES_PER_PAGE}.
     */
    public static int addItem(MemorySegment page, MemorySegment item, int offsetNumber, boolean overwrite, boolean heap) {
        int lower = lower(page);
        int upper = upper(page);
        int special = special(page);
        if (lower < HEADER_SIZE || lower > upper || upper > special || special > SIZE) {
            throw corruptedPointers(lower, upper, special);
        }
        int size = Math.toIntExact(item.byteSize());
        if (size <= 0 || size > 0x7FFF) {
            throw new IllegalArgumentException("item size out of range: " + size);
        }
        int limit = maxOffset(page) + 1;
        boolean shuffle = false;
        if (offsetNumber != INVALID_OFFSET) {
            if (offsetNumber < FIRST_OFFSET || offsetNumber > limit) {
                throw new IllegalArgumentException("specified item offset is too large");
            }
            if (offsetNumber < limit) {
                if (overwrite) {
                    if (isUsed(page, offsetNumber) || hasStorage(page, offsetNumber)) {
                        throw new IllegalArgumentException("will not overwrite a used ItemId");
                    }
                } else {
                    shuffle = true;
                }
            }
        } else {
            offsetNumber = limit;
            if (hasFlag(page, PD_HAS_FREE_LINES)) {
                for (int i = FIRST_OFFSET; i < limit; i++) {
                    if (!isUsed(page, i) && !hasStorage(page, i)) {
                        offsetNumber = i;
                        break;
                    }
                }
                if (offsetNumber == limit) {
                    // The hint was stale: every line pointer is in use after all.
                    setFlag(page, PD_HAS_FREE_LINES, false);
                }
            }
        }
        if (heap && offsetNumber > MAX_HEAP_TUPLES_PER_PAGE) {
            return INVALID_OFFSET;
        }
        int newLower = (offsetNumber == limit || shuffle) ? lower + ITEM_ID_SIZE : lower;
        int newUpper = upper - maxAlign(size);
        if (newLower > newUpper) {
            return INVALID_OFFSET;
        }
        if (shuffle) {
            MemorySegment.copy(page, itemIdAt(offsetNumber), page, itemIdAt(offsetNumber + 1),
                    (long) (limit - offsetNumber) * ITEM_ID_SIZE);
        }
        setShort(page, OFF_LOWER, newLower);
        setShort(page, OFF_UPPER, newUpper);
        setItemId(page, offsetNumber, newUpper, LP_NORMAL, size);
        MemorySegment.copy(item, 0, page, newUpper, size);
        // Zero the alignment padding so that a page's bytes depend only on its contents.
        page.asSlice(newUpper + size, maxAlign(size) - size).fill((byte) 0);
        return offsetNumber;
    }

    /** Adds at the first free line pointer (or a new one); {@link #INVALID_OFFSET} if it does not fit. */
    public static int addItem(MemorySegment page, MemorySegment item) {
        return addItem(page, item, INVALID_OFFSET, false, false);
    }

    // ---------------------------------------------------------------- free space

    /** PageGetExactFreeSpace: the hole between pd_lower and pd_upper. */
    public static int exactFreeSpace(MemorySegment page) {
        return Math.max(0, upper(page) - lower(page));
    }

    /**
     * PageGetFreeSpace: the largest item that could be added, leaving room for a new line pointer
     * (not MAXALIGN-rounded down, as in PostgreSQL).
     */
    public static int freeSpace(MemorySegment page) {
        return Math.max(0, upper(page) - lower(page) - ITEM_ID_SIZE);
    }

    /**
     * PageGetHeapFreeSpace: as {@link #freeSpace}, but 0 when the page already has the most line
     * pointers a heap page may have and none of them is free.
     */
    public static int heapFreeSpace(MemorySegment page) {
        int space = freeSpace(page);
        if (space > 0) {
            int max = maxOffset(page);
            if (max >= MAX_HEAP_TUPLES_PER_PAGE) {
                boolean found = false;
                if (hasFlag(page, PD_HAS_FREE_LINES)) {
                    for (int i = FIRST_OFFSET; i <= max && !found; i++) {
                        found = !isUsed(page, i) && !hasStorage(page, i);
                    }
                }
                if (!found) {
                    return 0;
                }
            }
        }
        return space;
    }

    // ---------------------------------------------------------------- compaction and deletion

    /**
     * PageRepairFragmentation: moves every item that has storage up against the special space, in
     * the same physical order, so the free space is one hole again. Line pointer numbers do not
     * change (heap TIDs point at them); unused line pointers lose any storage, and PD_HAS_FREE_LINES
     * tells whether some are left for reuse. Returns the number of unused line pointers.
     */
    public static int repairFragmentation(MemorySegment page) {
        int lower = lower(page);
        int upper = upper(page);
        int special = special(page);
        if (lower < HEADER_SIZE || lower > upper || upper > special || special > SIZE || special != maxAlign(special)) {
            throw corruptedPointers(lower, upper, special);
        }
        int max = maxOffset(page);
        // Each item with storage as one long that a primitive sort puts highest address first:
        // ((0x7FFF - lp_off) << 32) | (offset number << 16) | lp_len. Items are added downwards from
        // the special space, so line pointer order is usually already that order, which the sort's
        // insertion pass for small arrays does in one sweep. Heap pruning compacts a page at nearly
        // every pgbench transaction, so this avoids a list of arrays and a comparator.
        long[] stored = new long[max];
        int count = 0;
        int unused = 0;
        int total = 0;
        for (int i = FIRST_OFFSET; i <= max; i++) {
            int id = page.get(INT, itemIdAt(i));
            int off = id & 0x7FFF;
            int len = id >>> 17;
            int flags = (id >>> 15) & 3;
            if (flags == LP_UNUSED) {
                setItemId(page, i, 0, LP_UNUSED, 0);
                unused++;
            } else if (len != 0) {
                if (off < upper || off + len > special) {
                    throw new PageException(PageException.DATA_CORRUPTED, "corrupted line pointer: " + off);
                }
                stored[count++] = (long) (0x7FFF - off) << 32 | (long) i << 16 | len;
                total += maxAlign(len);
            }
        }
        if (total > special - lower) {
            throw new PageException(PageException.DATA_CORRUPTED,
                    "corrupted item lengths: total " + total + ", available space " + (special - lower));
        }
        // Highest original address first: each item only moves up, never over one not yet moved.
        java.util.Arrays.sort(stored, 0, count);
        int top = special;
        for (int k = 0; k < count; k++) {
            int off = 0x7FFF - (int) (stored[k] >>> 32);
            int i = (int) (stored[k] >>> 16) & 0xFFFF;
            int len = (int) stored[k] & 0xFFFF;
            top -= maxAlign(len);
            if (top != off) {
                MemorySegment.copy(page, off, page, top, len);
            }
            int flags = (page.get(INT, itemIdAt(i)) >>> 15) & 3;
            setItemId(page, i, top, flags, len);
        }
        page.asSlice(lower, top - lower).fill((byte) 0);
        setShort(page, OFF_UPPER, top);
        setFlag(page, PD_HAS_FREE_LINES, unused > 0);
        return unused;
    }

    /**
     * PageTruncateLinePointerArray: gives back the unused line pointers at the end of the array
     * (VACUUM's second pass, after index entries pointing at them are gone). Keeps at least one.
     */
    public static void truncateLinePointerArray(MemorySegment page) {
        int max = maxOffset(page);
        while (max > 1 && !isUsed(page, max) && !hasStorage(page, max)) {
            page.set(INT, itemIdAt(max), 0);
            max--;
        }
        setShort(page, OFF_LOWER, HEADER_SIZE + max * ITEM_ID_SIZE);
        boolean anyUnused = false;
        for (int i = FIRST_OFFSET; i <= max && !anyUnused; i++) {
            anyUnused = !isUsed(page, i);
        }
        setFlag(page, PD_HAS_FREE_LINES, anyUnused);
    }

    /**
     * PageIndexTupleDelete: removes an item and its line pointer from an index page; the later line
     * pointers move down by one (index items are found by key, not by TID, so renumbering is fine).
     * The storage is closed up at once, so the page never fragments.
     */
    public static void deleteIndexItem(MemorySegment page, int offsetNumber) {
        int max = maxOffset(page);
        int id = itemId(page, offsetNumber);
        int off = id & 0x7FFF;
        int len = id >>> 17;
        int upper = upper(page);
        int size = maxAlign(len);
        if (len == 0 || off < upper || off + size > special(page)) {
            throw new PageException(PageException.DATA_CORRUPTED, "corrupted line pointer: offset = " + off + ", size = " + len);
        }
        // Close the gap: everything between pd_upper and the item moves up by its size.
        MemorySegment.copy(page, upper, page, upper + size, off - upper);
        page.asSlice(upper, size).fill((byte) 0);
        MemorySegment.copy(page, itemIdAt(offsetNumber + 1), page, itemIdAt(offsetNumber),
                (long) (max - offsetNumber) * ITEM_ID_SIZE);
        page.set(INT, itemIdAt(max), 0);
        setShort(page, OFF_LOWER, lower(page) - ITEM_ID_SIZE);
        setShort(page, OFF_UPPER, upper + size);
        for (int i = FIRST_OFFSET; i < max; i++) {
            int other = page.get(INT, itemIdAt(i));
            int otherOff = other & 0x7FFF;
            if ((other >>> 17) != 0 && otherOff < off) {
                page.set(INT, itemIdAt(i), (other & ~0x7FFF) | (otherOff + size));
            }
        }
    }

    /**
     * PageIndexMultiDelete: deletes several index items (offsets as they are before any deletion; a
     * repeated one counts once) in one pass over the page, leaving exactly the page that deleting them
     * one by one with {@link #deleteIndexItem}, highest offset first, leaves: the storage below each
     * deleted item moves up by the sizes deleted above it, the line pointers close up.
     *
     * <p>Why one pass: a B-tree leaf full of entries marked LP_DEAD (a hot key's old versions, with
     * HOT off every update adds one) loses hundreds of them at once when an insertion makes room
     * ({@code _bt_delitems_delete}); one by one, each deletion moved the page's storage and rewrote
     * every line pointer, hundreds of times over, while the insertion held the leaf exclusively.
     */
    public static void deleteIndexItems(MemorySegment page, int... offsetNumbers) {
        int[] sorted = offsetNumbers.clone();
        java.util.Arrays.sort(sorted);
        int max = maxOffset(page);
        int upper = upper(page);
        int special = special(page);
        // The deleted items' storage, as offset << 16 | aligned size (both below 2^15), distinct
        // offset numbers only; sorted, so that the highest storage offset comes last.
        int count = 0;
        int[] storage = new int[sorted.length];
        boolean[] deleted = new boolean[max + 1];
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                continue;
            }
            int id = itemId(page, sorted[i]);
            int off = id & 0x7FFF;
            int len = id >>> 17;
            int size = maxAlign(len);
            if (len == 0 || off < upper || off + size > special) {
                throw new PageException(PageException.DATA_CORRUPTED, "corrupted line pointer: offset = " + off + ", size = " + len);
            }
            deleted[sorted[i]] = true;
            storage[count++] = off << 16 | size;
        }
        if (count == 0) {
            return;
        }
        java.util.Arrays.sort(storage, 0, count);
        // By storage offset, highest first: shift[k] = the sizes of deleted items 0..k, which is how
        // far the storage between deleted item k and the next lower one moves up.
        int[] offDesc = new int[count];
        int[] sizeDesc = new int[count];
        int[] shift = new int[count];
        int total = 0;
        for (int k = 0; k < count; k++) {
            int entry = storage[count - 1 - k];
            offDesc[k] = entry >>> 16;
            sizeDesc[k] = entry & 0xFFFF;
            total += sizeDesc[k];
            shift[k] = total;
        }
        // Move each stretch of kept storage up, the highest stretch first: its destination ends where
        // the stretch above it now starts, and nothing below it has moved yet.
        for (int k = 0; k < count; k++) {
            int end = offDesc[k];
            int start = k + 1 < count ? offDesc[k + 1] + sizeDesc[k + 1] : upper;
            if (end > start) {
                MemorySegment.copy(page, start, page, start + shift[k], end - start);
            }
        }
        page.asSlice(upper, total).fill((byte) 0);
        // Close up the line pointers, pointing each kept item at its storage's new place.
        int to = FIRST_OFFSET;
        for (int i = FIRST_OFFSET; i <= max; i++) {
            if (deleted[i]) {
                continue;
            }
            int id = page.get(INT, itemIdAt(i));
            if ((id >>> 17) != 0) {
                int off = id & 0x7FFF;
                int moved = movedBy(offDesc, shift, off);
                id = (id & ~0x7FFF) | (off + moved);
            }
            page.set(INT, itemIdAt(to++), id);
        }
        for (int i = to; i <= max; i++) {
            page.set(INT, itemIdAt(i), 0);
        }
        setShort(page, OFF_LOWER, lower(page) - count * ITEM_ID_SIZE);
        setShort(page, OFF_UPPER, upper + total);
    }

    /**
     * How far storage at {@code off} moves when the items at {@code offDesc} (descending) go: the sum
     * of the sizes of those above it, {@code shift[k]} for the lowest such k-th item (binary search).
     */
    private static int movedBy(int[] offDesc, int[] shift, int off) {
        int lo = 0;
        int hi = offDesc.length; // first index whose offset is not above off
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offDesc[mid] > off) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : shift[lo - 1];
    }

    // ---------------------------------------------------------------- validation and checksums

    /**
     * PageIsVerified: true if a page read from disk is sane enough to use. A new (all-zero) page is
     * fine; a page with pd_upper 0 and anything non-zero is not. With {@code checksums}, the stored
     * checksum must match {@link #computeChecksum}.
     */
    public static boolean isVerified(MemorySegment page, int blockNumber, boolean checksums) {
        checkSize(page);
        if (!isNew(page)) {
            int lower = lower(page);
            int upper = upper(page);
            int special = special(page);
            boolean headerOk = (flags(page) & ~PD_VALID_FLAG_BITS) == 0
                    && lower >= HEADER_SIZE && lower <= upper && upper <= special && special <= SIZE
                    && special == maxAlign(special)
                    && getShort(page, OFF_SIZE_VERSION) == (SIZE | LAYOUT_VERSION);
            if (!headerOk) {
                return false;
            }
            return !checksums || checksum(page) == computeChecksum(page, blockNumber);
        }
        for (long i = 0; i < SIZE; i += 8) {
            if (page.get(LONG, i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #isVerified} or PostgreSQL's error for a page read from disk:
     * {@code invalid page in block %u of relation %s} (XX001).
     */
    public static void verify(MemorySegment page, int blockNumber, String relationPath, boolean checksums) {
        if (!isVerified(page, blockNumber, checksums)) {
            throw new PageException(PageException.DATA_CORRUPTED,
                    "invalid page in block " + Integer.toUnsignedString(blockNumber) + " of relation " + relationPath);
        }
    }

    /**
     * The page checksum: CRC-32C of the page with the checksum field taken as zero, mixed with the
     * block number (so a page written to the wrong place fails too), folded to 16 bits and never 0.
     * Not PostgreSQL's FNV-based algorithm (that one is tuned for C vector units; CRC-32C has a
     * hardware intrinsic in the JVM), but the same properties and the same place in the header.
     */
    public static int computeChecksum(MemorySegment page, int blockNumber) {
        CRC32C crc = new CRC32C();
        crc.update(page.asSlice(0, OFF_CHECKSUM).asByteBuffer());
        crc.update(new byte[2]);
        crc.update(page.asSlice(OFF_CHECKSUM + 2, SIZE - OFF_CHECKSUM - 2).asByteBuffer());
        long value = crc.getValue() ^ Integer.toUnsignedLong(blockNumber);
        return (int) ((value ^ (value >>> 16)) & 0xFFFF) % 65535 + 1;
    }

    /** Stamps the checksum just before the page is written out. */
    public static void setChecksum(MemorySegment page, int blockNumber) {
        setShort(page, OFF_CHECKSUM, computeChecksum(page, blockNumber));
    }

    // ---------------------------------------------------------------- helpers

    private static PageException corruptedPointers(int lower, int upper, int special) {
        return new PageException(PageException.DATA_CORRUPTED,
                "corrupted page pointers: lower = " + lower + ", upper = " + upper + ", special = " + special);
    }

    private static void checkSize(MemorySegment page) {
        if (page.byteSize() != SIZE) {
            throw new IllegalArgumentException("a page is " + SIZE + " bytes, not " + page.byteSize());
        }
    }

    static int getShort(MemorySegment page, long at) {
        return Short.toUnsignedInt(page.get(SHORT, at));
    }

    static void setShort(MemorySegment page, long at, int value) {
        page.set(SHORT, at, (short) value);
    }
}
