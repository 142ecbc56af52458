package org.tusk.storage.heap;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

/**
 * Walking a HOT chain on one page (PostgreSQL's README.HOT and the loop of heap_hot_search_buffer).
 * An index entry points at the chain's root line pointer: either a normal tuple that is not
 * heap-only, or, once pruning removed the dead start of the chain, an LP_REDIRECT to the first member
 * still needed. From there each member marked HEAP_HOT_UPDATED leads through its t_ctid to the next
 * one, always on the same page. A link is only followed if the next tuple's xmin is the xmax of the
 * one before: a member whose inserter aborted may have been pruned and its line pointer reused by an
 * unrelated row, and the xmin test is what tells the two apart.
 *
 * <p>Pure: the caller holds at least a share lock on the page.
 */
public final class HotChain {

    private HotChain() {
    }

    /**
     * The offset of the chain's first tuple for the root line pointer {@code root}: the root itself
     * if it holds a tuple, the target of a redirect, or {@link Page#INVALID_OFFSET} if there is no
     * tuple (unused, dead, or out of range).
     */
    public static int first(MemorySegment page, int root) {
        if (root < Page.FIRST_OFFSET || root > Page.maxOffset(page)) {
            return Page.INVALID_OFFSET;
        }
        if (Page.isRedirect(page, root)) {
            int target = Page.itemOffset(page, root);
            return target >= Page.FIRST_OFFSET && target <= Page.maxOffset(page) && Page.isNormal(page, target)
                    ? target : Page.INVALID_OFFSET;
        }
        return Page.isNormal(page, root) ? root : Page.INVALID_OFFSET;
    }

    /**
     * The offset of the member after {@code tuple} (at {@code block}), or {@link Page#INVALID_OFFSET}
     * if the chain ends there: not HOT-updated, a link off the page, or a next tuple whose xmin is
     * not this one's xmax.
     */
    public static int next(MemorySegment page, int block, MemorySegment tuple) {
        if ((HeapTupleHeader.infomask2(tuple) & HeapTupleHeader.HEAP_HOT_UPDATED) == 0) {
            return Page.INVALID_OFFSET;
        }
        ItemPointer link = HeapTupleHeader.ctid(tuple);
        int offset = link.offset();
        if (link.block() != block || offset < Page.FIRST_OFFSET || offset > Page.maxOffset(page)
                || !Page.isNormal(page, offset)) {
            return Page.INVALID_OFFSET;
        }
        MemorySegment next = Page.item(page, offset);
        if (!isHeapOnly(next) || HeapTupleHeader.xmin(next) != HeapTupleHeader.xmax(tuple)) {
            return Page.INVALID_OFFSET;
        }
        return offset;
    }

    /** HEAP_ONLY_TUPLE: no index entry points at this tuple; it is reached through its chain. */
    public static boolean isHeapOnly(MemorySegment tuple) {
        return (HeapTupleHeader.infomask2(tuple) & HeapTupleHeader.HEAP_ONLY_TUPLE) != 0;
    }

    /**
     * heap_get_root_tuples: for each offset of the page (index = offset number) the root line pointer
     * of the HOT chain its tuple belongs to, the offset itself for a tuple that is its own root, 0
     * for no tuple. An index built over existing rows points at roots, never at heap-only tuples:
     * pruning frees a dead heap-only tuple's line pointer at once, which an entry pointing at it
     * would then lead to whatever row takes the number.
     */
    public static int[] roots(MemorySegment page, int block) {
        int max = Page.maxOffset(page);
        int[] roots = new int[max + 1];
        for (int root = Page.FIRST_OFFSET; root <= max; root++) {
            boolean redirect = Page.isRedirect(page, root);
            if (!redirect && !(Page.isNormal(page, root) && !isHeapOnly(Page.item(page, root)))) {
                continue;
            }
            for (int off = first(page, root); off != Page.INVALID_OFFSET && roots[off] == 0;) {
                roots[off] = root;
                off = next(page, block, Page.item(page, off));
            }
        }
        return roots;
    }
}
