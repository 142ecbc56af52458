package org.tusk.sql.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ObjectKind;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.ddl.DdlExecutor;
import org.tusk.sql.eval.EvalContext;

/**
 * What a session does with its temporary tables besides what every table gets: their ON COMMIT actions
 * (PostgreSQL's on_commits list and PreCommit_on_commit_actions) and the dropping of everything in its
 * temporary schema at DISCARD TEMP and at the session's end (RemoveTempRelations). The actions live in the
 * backend's memory, as in PostgreSQL: they concern only the session's own tables, which no other backend
 * can use.
 */
final class TempTables {
    /** ON COMMIT DELETE ROWS ('d') or DROP ('D') by table OID, in the order the tables were created. */
    private final Map<Integer, Character> onCommit = new LinkedHashMap<>();

    void register(int relation, char action) {
        onCommit.put(relation, action);
    }

    /**
     * Just before a commit: ON COMMIT DROP tables are dropped, ON COMMIT DELETE ROWS tables emptied. A
     * table that no longer exists (dropped, or created by a transaction that rolled back) is forgotten.
     */
    void preCommit(BackendDatabase db, EvalContext session) {
        if (onCommit.isEmpty()) {
            return;
        }
        RelationCache cache = db.catalog();
        for (Iterator<Map.Entry<Integer, Character>> it = onCommit.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, Character> e = it.next();
            CatalogRow row = cache.classRow(e.getKey());
            if (row == null) {
                it.remove();
                continue;
            }
            QualifiedName name = new QualifiedName(cache.namespaceName(row.oid("relnamespace")), row.text("relname"),
                    -1);
            if (e.getValue() == DdlCommand.OnCommit.DROP) {
                it.remove();
                DdlExecutor.runInternal(new DdlCommand.Drop(ObjectKind.TABLE, List.of(name), true, true), db, session,
                        SILENT, true);
            } else {
                DdlExecutor.runInternal(new DdlCommand.Truncate(List.of(name), false), db, session, SILENT, true);
            }
        }
    }

    /**
     * Drops every table, view and sequence of the backend's temporary schema (with what depends on them),
     * as the bootstrap superuser: they may be another backend's, left by a server that was killed.
     */
    static void dropAll(BackendDatabase db, EvalContext session) {
        RelationCache cache = db.catalog();
        Integer namespace = cache.tempNamespaceOid();
        if (namespace == null) {
            return;
        }
        List<DdlCommand.Drop> drops = new ArrayList<>();
        for (CatalogRow r : cache.classRows()) {
            ObjectKind kind = switch (r.character("relkind")) {
                case 'r' -> ObjectKind.TABLE;
                case 'v' -> ObjectKind.VIEW;
                case 'S' -> ObjectKind.SEQUENCE;
                default -> null; // indexes and TOAST tables go with their tables
            };
            if (kind != null && r.oid("relnamespace") == namespace) {
                drops.add(new DdlCommand.Drop(kind, List.of(new QualifiedName(cache.tempSchemaName(), r.text("relname"),
                        -1)), true, true));
            }
        }
        if (drops.isEmpty()) {
            return;
        }
        CatalogRow superuser = new CatalogTables(db.storage(), 0).first(CatalogDefinitions.PG_AUTHID,
                a -> a.oid("oid") == CatalogOids.BOOTSTRAP_SUPERUSER_ID);
        String previous = session.runAs(superuser.text("rolname"));
        try {
            for (DdlCommand.Drop drop : drops) {
                DdlExecutor.runInternal(drop, db, session, SILENT, true);
            }
        } finally {
            session.runAs(previous);
        }
    }

    /** Where the messages of these internal commands go: nowhere (DROP ... CASCADE's NOTICEs, the tags). */
    static final ResultSink SILENT = new org.tusk.sql.dml.DiscardingSink(notice -> {
    });
}
