package org.tusk.storage.engine;

import java.util.ArrayList;
import java.util.List;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.page.ItemPointer;

/**
 * The access API's names for relations, rows and shapes turned into the engine's: a {@link RelationId}
 * is a file locator in pg_default (pg_global for the shared database 0), a {@link TableShape} a tuple
 * descriptor (each column's storage facts looked up by its type OID), a {@link TupleId} an item pointer.
 */
final class Relations {

    private Relations() {
    }

    static RelFileLocator locator(RelationId id) {
        int tablespace = id.database() == RelationId.SHARED ? StorageConstants.GLOBAL_TABLESPACE
                : StorageConstants.DEFAULT_TABLESPACE;
        return new RelFileLocator(tablespace, id.database(), id.fileNumber());
    }

    static TupleDescriptor descriptor(TableShape shape) {
        List<Attribute> attributes = new ArrayList<>(shape.size());
        for (ColumnType column : shape.columns()) {
            attributes.add(attribute(column));
        }
        return new TupleDescriptor(attributes);
    }

    private static Attribute attribute(ColumnType column) {
        PgType element = PgType.elementOfArray(column.typeOid());
        if (element != null) {
            return Attribute.arrayOf(column.name(), element, column.notNull());
        }
        return Attribute.of(column.name(), PgType.byOid(column.typeOid()), column.notNull());
    }

    static ItemPointer itemPointer(TupleId tid) {
        return new ItemPointer(tid.block(), tid.offset());
    }

    static TupleId tupleId(ItemPointer tid) {
        return new TupleId(tid.block(), tid.offset());
    }
}
