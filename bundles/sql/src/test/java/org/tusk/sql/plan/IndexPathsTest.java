package org.tusk.sql.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;

class IndexPathsTest {

    private static final Column AID = new Column(1, "aid", SqlType.INT4, -1, true, null, '\0');
    private static final Column BID = new Column(2, "bid", SqlType.INT4, -1, false, null, '\0');
    private static final Column NAME = new Column(3, "name", SqlType.VARCHAR, 20, false, null, '\0');
    private static final Column F = new Column(4, "f", SqlType.FLOAT4, -1, false, null, '\0');
    private static final Column N = new Column(5, "n", SqlType.NUMERIC, -1, false, null, '\0');

    private static IndexDef index(int oid, String name, boolean unique, boolean primary, Column... cols) {
        List<IndexShape.KeyColumn> keys = java.util.Arrays.stream(cols)
                .map(c -> IndexShape.KeyColumn.ascending(c.name(), c.type().oid())).toList();
        return new IndexDef(oid, name, new RelationId(5, oid), java.util.Arrays.stream(cols).map(Column::number)
                .toList(), new IndexShape(keys, unique), unique, primary);
    }

    private static final Relation T = new Relation(16384, 2200, "public", "t", 'r', new RelationId(5, 16384),
            List.of(AID, BID, NAME, F, N),
            List.of(index(16390, "t_pkey", true, true, AID), index(16391, "t_bid_aid", false, false, BID, AID),
                    index(16392, "t_name", false, false, NAME), index(16393, "t_f", false, false, F),
                    index(16394, "t_n", false, false, N)),
            List.of(), List.of(), List.of(), null);

    private final RowSlot slot = new RowSlot("t");
    private final RowSlot outer = new RowSlot("o");
    private Object[] paramValues = new Object[0];

    private List<Expression> where(String condition, SqlType... paramTypes) {
        Statement.Select s = (Statement.Select) Parser.parse("select " + condition, true).getFirst();
        Parameters params = paramTypes.length == 0 ? Parameters.none()
                : Parameters.bound(paramTypes, paramValues);
        Analyzer a = new Analyzer(CTX, params).withScope((names, position) -> {
            String n = names.getLast();
            if (names.size() == 2 && names.getFirst().equals("o")) {
                return new Expression.Var(outer, 0, SqlType.INT8, -1, n);
            }
            for (int i = 0; i < T.columns().size(); i++) {
                Column c = T.columns().get(i);
                if (c.name().equals(n)) {
                    return new Expression.Var(slot, i, c.type(), c.typmod(), n);
                }
            }
            return null;
        });
        var core = (org.tusk.sql.ast.Query.SelectCore) s.query().body();
        return IndexPaths.conjuncts(a.transformCondition(core.targets().getFirst().expr(), "WHERE"));
    }

    private IndexPath choose(String condition, SqlType... paramTypes) {
        return IndexPaths.choose(T, slot, where(condition, paramTypes));
    }

    @Test
    void equalityOnThePrimaryKeyIsAUniqueMatchWithNoResidual() {
        IndexPath p = choose("aid = 42 and bid = 7");
        assertEquals("t_pkey", p.index().name());
        assertTrue(p.uniqueMatch());
        KeyRange r = p.keyRange(CTX);
        assertArrayEquals(new Object[] {42}, r.low());
        assertArrayEquals(new Object[] {42}, r.high());
        assertEquals(1, p.residual().size(), "bid = 7 is left to check");
    }

    @Test
    void commutedComparisonsAndBetween() {
        IndexPath p = choose("10 < aid and aid <= 20");
        KeyRange r = p.keyRange(CTX);
        assertArrayEquals(new Object[] {10}, r.low());
        assertFalse(r.lowInclusive());
        assertArrayEquals(new Object[] {20}, r.high());
        assertTrue(r.highInclusive());
        assertTrue(p.residual().isEmpty());

        KeyRange b = choose("aid between 3 and 5").keyRange(CTX);
        assertArrayEquals(new Object[] {3}, b.low());
        assertTrue(b.lowInclusive());
        assertArrayEquals(new Object[] {5}, b.high());
        assertTrue(b.highInclusive());
    }

    @Test
    void multiColumnIndexTakesEqualityThenARange() {
        IndexPath p = choose("bid = 1 and aid >= 2");
        assertEquals("t_bid_aid", p.index().name(), "two constrained columns beat a range on the primary key");
        KeyRange r = p.keyRange(CTX);
        assertArrayEquals(new Object[] {1, 2}, r.low());
        assertTrue(r.lowInclusive());
        assertArrayEquals(new Object[] {1}, r.high());
        assertTrue(r.highInclusive());
        assertTrue(p.residual().isEmpty());
    }

    @Test
    void aConditionOnlyOnASecondIndexColumnDoesNotUseThatIndex() {
        assertNull(IndexPaths.choose(new Relation(1, 2200, "public", "u", 'r', new RelationId(5, 1),
                List.of(AID, BID), List.of(index(2, "u_bid_aid", false, false, BID, AID)), List.of(), List.of(),
                List.of(), null), slot, where("aid = 1")));
    }

    @Test
    void noIndexForOtherOperatorsOrSelfReferences() {
        assertNull(choose("aid <> 1"));
        assertNull(choose("aid = bid"), "the value reads the row itself");
        assertNull(choose("aid = random()::int"), "volatile");
        assertNull(choose("aid + 0 = 1"));
        assertNull(choose("aid = 1 or aid = 2"));
    }

    @Test
    void crossTypeIntegersUseTheIndexAndClampOutOfRangeValues() {
        IndexPath p = choose("aid = 5::int8");
        assertEquals("t_pkey", p.index().name());
        assertArrayEquals(new Object[] {5}, p.keyRange(CTX).low(), "the int8 key became an int4 key");
        assertTrue(p.residual().isEmpty());
        assertNull(choose("aid = 5000000000").keyRange(CTX), "no int4 equals it");
        assertNull(choose("aid > 5000000000").keyRange(CTX));
        KeyRange below = choose("aid < 5000000000").keyRange(CTX);
        assertNull(below.low());
        assertNull(below.high(), "every int4 is below it");
        KeyRange above = choose("aid >= -5000000000").keyRange(CTX);
        assertNull(above.low());
    }

    @Test
    void numericComparisonOfAnIntegerColumnCannotUseTheIndex() {
        assertNull(choose("aid = 1.5"), "int4 = numeric compares as numeric, as in PostgreSQL");
        IndexPath n = choose("n = 1");
        assertEquals("t_n", n.index().name(), "the int literal is cast to the numeric column's type");
        assertEquals(new java.math.BigDecimal("1"), n.keyRange(CTX).low()[0]);
    }

    @Test
    void varcharColumnComparedAsText() {
        IndexPath p = choose("name = 'abc'::text");
        assertEquals("t_name", p.index().name());
        assertArrayEquals(new Object[] {"abc"}, p.keyRange(CTX).low());
        IndexPath q = choose("name >= 'm'");
        assertEquals("t_name", q.index().name());
    }

    @Test
    void float4ColumnWithFloat8ValueIsRechecked() {
        IndexPath p = choose("f = 0.1::float8");
        assertEquals("t_f", p.index().name());
        assertEquals(1, p.residual().size(), "the rounded key only narrows; the comparison decides");
        assertEquals(0.1f, p.keyRange(CTX).low()[0]);
    }

    @Test
    void nullKeysMatchNothing() {
        assertNull(choose("aid = null::int").keyRange(CTX));
    }

    @Test
    void parametersAndOuterReferencesAreEvaluatedWhenTheScanStarts() {
        paramValues = new Object[] {7};
        IndexPath p = choose("aid = $1", SqlType.INT4);
        assertArrayEquals(new Object[] {7}, p.keyRange(CTX).low());
        paramValues[0] = 8;
        assertArrayEquals(new Object[] {8}, p.keyRange(CTX).low(), "the same plan serves the next Bind");

        IndexPath o = choose("aid = o.x");
        assertNotNull(o);
        outer.set(new Object[] {99L});
        assertArrayEquals(new Object[] {99}, o.keyRange(CTX).low());
    }

    private static final EvalContext CTX = new EvalContext() {
        @Override
        public ZoneId timeZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public int extraFloatDigits() {
            return 1;
        }

        @Override
        public boolean byteaOutputEscape() {
            return false;
        }

        @Override
        public Instant transactionStart() {
            return Instant.EPOCH;
        }

        @Override
        public String currentUser() {
            return "u";
        }

        @Override
        public String sessionUser() {
            return "u";
        }

        @Override
        public String database() {
            return "d";
        }

        @Override
        public int backendPid() {
            return 1;
        }

        @Override
        public String setting(String name) {
            return null;
        }

        @Override
        public String setConfig(String name, String value, boolean local) {
            return null;
        }

        @Override
        public Instant statementStart() {
            return Instant.EPOCH;
        }

        @Override
        public void checkForInterrupts() {
        }
    };
}
