package org.tusk.sql.types;

/**
 * A value of a range type, as range_deserialize gives it: empty, or a lower and an upper bound, each a
 * value of the subtype or null for an infinite bound (a range's bounds are never SQL NULL), with
 * whether each is inclusive (an infinite bound never is). Values are made by {@link Ranges#make}, which
 * checks the bounds' order and puts discrete ranges in their canonical form, so two equal ranges of a
 * discrete type have equal fields.
 */
public record RangeValue(boolean empty, Object lower, boolean lowerInc, Object upper, boolean upperInc) {
    public static final RangeValue EMPTY = new RangeValue(true, null, false, null, false);

    public boolean lowerInfinite() {
        return !empty && lower == null;
    }

    public boolean upperInfinite() {
        return !empty && upper == null;
    }
}
