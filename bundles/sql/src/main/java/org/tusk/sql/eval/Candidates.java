package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * Chooses among overloaded operators or functions the way PostgreSQL's func_select_candidate does
 * (documented in "Type Conversion: Operators/Functions"): an exact match wins; otherwise keep the
 * candidates the inputs can reach by implicit casts, then prefer those with the most exact matches,
 * then those taking preferred types where a conversion is needed, then resolve unknown-type inputs
 * (string category first, else the single category the candidates agree on, preferring its preferred
 * type), and finally assume unknown inputs have the type of the known ones.
 */
final class Candidates {

    /** Ambiguity: several candidates remain. */
    static final Routine AMBIGUOUS = new Routine("<ambiguous>", List.of(), SqlType.VOID, true, (a, c) -> null);

    private Candidates() {
    }

    /**
     * The best routine for these input types, null if none fits, or {@link #AMBIGUOUS}. For a binary
     * operator PostgreSQL first tries an exact match assuming an unknown input has the other's type.
     */
    static Routine select(List<Routine> all, List<SqlType> inputs, boolean binaryOperator) {
        List<SqlType> exactTypes = inputs;
        if (binaryOperator) {
            SqlType l = inputs.get(0);
            SqlType r = inputs.get(1);
            if (l == SqlType.UNKNOWN && r != SqlType.UNKNOWN) {
                exactTypes = List.of(r, r);
            } else if (r == SqlType.UNKNOWN && l != SqlType.UNKNOWN) {
                exactTypes = List.of(l, l);
            }
        }
        for (Routine r : all) {
            if (r.args().equals(exactTypes) || r.args().equals(inputs)) {
                return r;
            }
        }
        List<Routine> candidates = new ArrayList<>();
        for (Routine r : all) {
            if (r.args().size() == inputs.size() && reachable(inputs, r.args())) {
                candidates.add(r);
            }
        }
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : candidates.getFirst();
        }
        return narrow(candidates, inputs);
    }

    private static boolean reachable(List<SqlType> inputs, List<SqlType> args) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!Casts.canCoerceImplicitly(inputs.get(i), args.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Routine narrow(List<Routine> candidates, List<SqlType> inputs) {
        int n = inputs.size();
        // Most exact matches on known inputs.
        candidates = keepBest(candidates, r -> {
            int score = 0;
            for (int i = 0; i < n; i++) {
                if (inputs.get(i) != SqlType.UNKNOWN && r.args().get(i) == inputs.get(i)) {
                    score++;
                }
            }
            return score;
        });
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        // Most exact-or-preferred matches where conversion is needed.
        candidates = keepBest(candidates, r -> {
            int score = 0;
            for (int i = 0; i < n; i++) {
                SqlType in = inputs.get(i);
                SqlType arg = r.args().get(i);
                if (in != SqlType.UNKNOWN && (arg == in || (arg.preferred() && arg.category() == in.category()))) {
                    score++;
                }
            }
            return score;
        });
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        candidates = resolveUnknowns(candidates, inputs);
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        // Last resort: unknown inputs assumed to be of the one type all known inputs share.
        SqlType common = null;
        boolean hasUnknown = false;
        for (SqlType in : inputs) {
            if (in == SqlType.UNKNOWN) {
                hasUnknown = true;
            } else if (common == null) {
                common = in;
            } else if (common != in) {
                return AMBIGUOUS;
            }
        }
        if (hasUnknown && common != null) {
            List<SqlType> assumed = new ArrayList<>();
            for (SqlType in : inputs) {
                assumed.add(in == SqlType.UNKNOWN ? common : in);
            }
            List<Routine> fitting = new ArrayList<>();
            for (Routine r : candidates) {
                if (reachable(assumed, r.args())) {
                    fitting.add(r);
                }
            }
            if (fitting.size() == 1) {
                return fitting.getFirst();
            }
        }
        return AMBIGUOUS;
    }

    private static List<Routine> resolveUnknowns(List<Routine> candidates, List<SqlType> inputs) {
        List<Routine> remaining = candidates;
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) != SqlType.UNKNOWN) {
                continue;
            }
            SqlType.Category category = null;
            boolean hasPreferred = false;
            boolean conflict = false;
            for (Routine r : remaining) {
                SqlType t = r.args().get(i);
                if (category == null) {
                    category = t.category();
                    hasPreferred = t.preferred();
                } else if (t.category() == category) {
                    hasPreferred |= t.preferred();
                } else if (t.category() == SqlType.Category.STRING) {
                    // An unknown literal looks most like a string: that category wins.
                    category = t.category();
                    hasPreferred = t.preferred();
                } else {
                    conflict = true;
                }
            }
            if (conflict && category != SqlType.Category.STRING) {
                return candidates;
            }
            List<Routine> kept = new ArrayList<>();
            for (Routine r : remaining) {
                SqlType t = r.args().get(i);
                if (t.category() == category && (!hasPreferred || t.preferred())) {
                    kept.add(r);
                }
            }
            if (!kept.isEmpty()) {
                remaining = kept;
            }
        }
        return remaining;
    }

    private static List<Routine> keepBest(List<Routine> candidates, java.util.function.ToIntFunction<Routine> score) {
        int best = -1;
        List<Routine> kept = new ArrayList<>();
        for (Routine r : candidates) {
            int s = score.applyAsInt(r);
            if (s > best) {
                best = s;
                kept.clear();
            }
            if (s == best) {
                kept.add(r);
            }
        }
        return kept;
    }
}
