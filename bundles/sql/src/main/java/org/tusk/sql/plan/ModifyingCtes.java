package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Query;
import org.tusk.sql.dml.DmlEnv;
import org.tusk.sql.dml.DmlExplain;
import org.tusk.sql.dml.DmlPlan;
import org.tusk.sql.dml.DmlStatements;
import org.tusk.sql.dml.SharedCommand;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;

/**
 * Parse analysis of an INSERT, UPDATE or DELETE in WITH: the dml layer analyzes it against the catalog
 * (42P01, 42703, ... at the statement's own positions) and describes its RETURNING columns, which become
 * the WITH query's columns; the plan is a {@link ModifyingCte}. (The plan package uses the dml layer
 * here only; the dml layer plans its queries with the planner.)
 */
final class ModifyingCtes {
    private ModifyingCtes() {
    }

    static Planner.Planned plan(Query.CommonTable cte, TypeContext types, Parameters parameters, Catalog catalog,
            SharedCommand shared, StatementWith with) {
        var target = DmlStatements.target(cte.modifying());
        if (catalog == null || !(types instanceof EvalContext eval)) {
            throw SqlException.at("42P01", "relation \"" + String.join(".", target.names()) + "\" does not exist",
                    target.position());
        }
        DmlEnv env = new DmlEnv(eval.db() == null ? null : eval.db().storage(), catalog, eval, parameters, shared,
                with);
        DmlPlan analyzed = DmlStatements.analyze(cte.modifying(), env);
        List<ColumnDescription> described = analyzed.columns() == null ? List.of() : analyzed.columns();
        List<Planner.Column> columns = new ArrayList<>();
        for (ColumnDescription c : described) {
            columns.add(new Planner.Column(c.name(), SqlType.byOid(c.typeOid()), c.typeModifier(), cte.position()));
        }
        return new Planner.Planned(new ModifyingCte(cte.modifying(), described, catalog, parameters, shared, with,
                () -> DmlExplain.describe(cte.modifying(), analyzed, env, false)), columns, false);
    }
}
