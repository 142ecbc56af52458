package org.tusk.storage.btree;

import static org.tusk.storage.page.Page.INT;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.page.Page;

/**
 * The metapage, block 0 of every B-tree (PostgreSQL's BTMetaPageData): where the root is. A
 * descent starts here, because the root moves when it splits (a new root is made above it).
 *
 * <pre>
 * after the page header (32 bytes):
 *  +0  btm_magic     4  {@link #MAGIC}
 *  +4  btm_version   4  {@link #VERSION}: heap TID as the last key column (PostgreSQL 12+)
 *  +8  btm_root      4  the root's block
 *  +12 btm_level     4  the root's level (0: the root is a leaf)
 *  +16 btm_fastroot  4  the lowest page with no siblings on the path from the root (= root: Tusk
 *                       deletes no pages, so no level above a single page is ever skipped)
 *  +20 btm_fastlevel 4  its level
 *  +24 check xmin    8  the building transaction's xid if the index was built while row versions
 *                       it does not hold could still be seen by older snapshots (PostgreSQL keeps
 *                       this as pg_index.indcheckxmin and the index row's xmin), else 0
 * </pre>
 * The special space is an ordinary B-tree special space with {@link BTreePage#BTP_META}, and
 * pd_lower covers the fields, so a page image without its hole keeps them.
 */
public final class BTreeMeta {

    /** BTREE_MAGIC. */
    public static final int MAGIC = 0x053162;
    /** BTREE_VERSION: version 4, heapkeyspace. */
    public static final int VERSION = 4;
    /** BTREE_METAPAGE. */
    public static final int BLOCK = 0;

    private static final int OFF = Page.HEADER_SIZE;
    private static final int SIZE = 32;

    /** What the metapage says. */
    public record Data(int root, int level, int fastRoot, int fastLevel, long checkXmin) {
    }

    private BTreeMeta() {
    }

    /** _bt_initmetapage: a metapage pointing at {@code root} at {@code level}. */
    public static void initialize(MemorySegment page, int root, int level) {
        BTreePage.initialize(page, 0, BTreePage.BTP_META);
        page.set(INT, OFF, MAGIC);
        page.set(INT, OFF + 4, VERSION);
        setRoot(page, root, level);
        page.set(Page.LONG, OFF + 24, 0L);
        page.set(Page.SHORT, 12, (short) (OFF + SIZE)); // pd_lower past the fields
    }

    /**
     * Records that snapshots which do not see transaction {@code xid} (the index's builder) as
     * finished must not trust the index: it lacks versions they may see (indcheckxmin).
     */
    public static void setCheckXmin(MemorySegment page, long xid) {
        page.set(Page.LONG, OFF + 24, xid);
    }

    /** Points the metapage at a new root (and fast root). */
    public static void setRoot(MemorySegment page, int root, int level) {
        page.set(INT, OFF + 8, root);
        page.set(INT, OFF + 12, level);
        page.set(INT, OFF + 16, root);
        page.set(INT, OFF + 20, level);
    }

    /** Reads the metapage, refusing a page that is not one (PostgreSQL's messages, XX002). */
    public static Data read(MemorySegment page, String indexName) {
        if ((BTreePage.flags(page) & BTreePage.BTP_META) == 0 || page.get(INT, OFF) != MAGIC) {
            throw new IllegalStateException("index \"" + indexName + "\" is not a btree");
        }
        int version = page.get(INT, OFF + 4);
        if (version != VERSION) {
            throw new IllegalStateException("version mismatch in index \"" + indexName + "\": file version "
                    + version + ", current version " + VERSION + ", minimal supported version " + VERSION);
        }
        // A metapage written before the field existed has pd_lower at its end: 0 beyond, as the hole is.
        long checkXmin = Page.lower(page) >= OFF + SIZE ? page.get(Page.LONG, OFF + 24) : 0;
        return new Data(page.get(INT, OFF + 8), page.get(INT, OFF + 12), page.get(INT, OFF + 16),
                page.get(INT, OFF + 20), checkXmin);
    }
}
