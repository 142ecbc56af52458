package org.tusk.sql.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * One pg_proc row of a built-in function. The columns every built-in has alike (pronamespace
 * pg_catalog, proowner the bootstrap superuser, procost 1, prokind 'f', no defaults, no argument
 * names, ...) are filled in by {@link #toRow()}; the record holds only what differs.
 *
 * @param language    prolang: 12 internal (a function of the server itself) or 14 sql (a
 *                    SQL-standard body, as lpad(text, int4) is lpad($1, $2, ' '))
 * @param volatility  provolatile: 'i' immutable, 's' stable, 'v' volatile
 * @param parallel    proparallel: 's' safe, 'r' restricted, 'u' unsafe
 * @param support     prosupport: the planner support function's OID, or 0
 * @param source      prosrc: the C symbol of an internal function; empty for a SQL-standard body
 */
public record ProcRow(int oid, String name, int language, char volatility, char parallel, boolean leakproof,
        boolean strict, int support, int returnType, List<Integer> argTypes, String source) {

    static final int INTERNAL_LANGUAGE = 12;
    static final int SQL_LANGUAGE = 14;

    public ProcRow {
        argTypes = List.copyOf(argTypes);
    }

    /**
     * The row in pg_proc's column order, with the Java values {@link BootstrapData} describes.
     * prosqlbody is NULL even for the SQL-standard bodies, whose parse trees (pg_node_tree) Tusk
     * does not produce; the engine implements those functions directly.
     */
    public Object[] toRow() {
        List<Object> row = new ArrayList<>();
        row.add(oid);
        row.add(name);
        row.add(CatalogOids.PG_CATALOG_NAMESPACE); // pronamespace
        row.add(CatalogOids.BOOTSTRAP_SUPERUSER_ID); // proowner
        row.add(language);
        row.add(1.0f); // procost
        row.add(0.0f); // prorows
        row.add(0); // provariadic
        row.add(support);
        row.add('f'); // prokind: a plain function
        row.add(false); // prosecdef
        row.add(leakproof);
        row.add(strict);
        row.add(false); // proretset
        row.add(volatility);
        row.add(parallel);
        row.add((short) argTypes.size()); // pronargs
        row.add((short) 0); // pronargdefaults
        row.add(returnType);
        row.add(argTypes); // proargtypes (oidvector)
        for (int i = 0; i < 5; i++) {
            row.add(null); // proallargtypes, proargmodes, proargnames, proargdefaults, protrftypes
        }
        row.add(source);
        for (int i = 0; i < 4; i++) {
            row.add(null); // probin, prosqlbody, proconfig, proacl
        }
        return row.toArray();
    }

    ProcRow withVolatility(char v) {
        return new ProcRow(oid, name, language, v, parallel, leakproof, strict, support, returnType, argTypes, source);
    }

    ProcRow withParallel(char p) {
        return new ProcRow(oid, name, language, volatility, p, leakproof, strict, support, returnType, argTypes,
                source);
    }

    ProcRow markLeakproof() {
        return new ProcRow(oid, name, language, volatility, parallel, true, strict, support, returnType, argTypes,
                source);
    }

    ProcRow nonStrict() {
        return new ProcRow(oid, name, language, volatility, parallel, leakproof, false, support, returnType, argTypes,
                source);
    }

    ProcRow withSupport(int supportOid) {
        return new ProcRow(oid, name, language, volatility, parallel, leakproof, strict, supportOid, returnType,
                argTypes,
                source);
    }

    ProcRow sqlBody() {
        return new ProcRow(oid, name, SQL_LANGUAGE, volatility, parallel, leakproof, strict, support, returnType,
                argTypes,
                source);
    }
}
