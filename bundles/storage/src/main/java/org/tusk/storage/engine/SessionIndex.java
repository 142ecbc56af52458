package org.tusk.storage.engine;

import org.tusk.storage.access.Index;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.TupleId;

/**
 * A B-tree index as the access API hands it out: every call goes through the session's error
 * translation ({@link AccessSession#call}), so a unique check that ends in a deadlock (40P01) or a
 * lock timeout reaches the SQL layer as an {@link org.tusk.storage.access.AccessException} and marks
 * the transaction failed, as a heap change would.
 */
final class SessionIndex implements Index {

    private final AccessSession session;
    private final BTreeIndex btree;

    SessionIndex(AccessSession session, BTreeIndex btree) {
        this.session = session;
        this.btree = btree;
    }

    BTreeIndex btree() {
        return btree;
    }

    @Override
    public RelationId id() {
        return btree.id();
    }

    @Override
    public IndexShape shape() {
        return btree.shape();
    }

    @Override
    public void insert(Object[] key, TupleId tid) {
        session.call(() -> {
            btree.insert(key, tid);
            return null;
        });
    }

    @Override
    public boolean insertPartial(Object[] key, TupleId tid) {
        return session.call(() -> btree.insertPartial(key, tid));
    }

    @Override
    public boolean insertSpeculative(Object[] key, TupleId tid) {
        return session.call(() -> btree.insertSpeculative(key, tid));
    }

    @Override
    public void recheckUnique(Object[] key, TupleId tid) {
        session.call(() -> {
            btree.recheckUnique(key, tid);
            return null;
        });
    }

    @Override
    public TupleId conflict(Object[] key) {
        return session.call(() -> btree.conflict(key));
    }

    @Override
    public long blocks() {
        return session.call(btree::blocks);
    }

    @Override
    public int treeHeight() {
        return session.call(btree::treeHeight);
    }
}
