package org.tusk.sql.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A one-dimensional array value: its elements ({@code null} for NULL) and the subscript of the first
 * one (1 unless written otherwise, as in {@code '[0:1]={5,6}'}).
 */
public record ArrayValue(int lowerBound, List<Object> elements) {
    public ArrayValue {
        elements = Collections.unmodifiableList(new ArrayList<>(elements));
    }
}
