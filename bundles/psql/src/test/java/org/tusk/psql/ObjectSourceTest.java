package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** \sf+ and \sv+ line numbering, \ef's line arithmetic and reloptions, against psql 15's output. */
class ObjectSourceTest {

    private static final String PLPGSQL = """
            CREATE OR REPLACE FUNCTION public.add_one(i text)
             RETURNS text
             LANGUAGE plpgsql
            AS $function$
            begin
              return i || '1';
            end $function$
            """;

    @Test
    void functionBodyLinesAreNumberedFromTheAsLine() {
        assertEquals("""
                        CREATE OR REPLACE FUNCTION public.add_one(i text)
                         RETURNS text
                         LANGUAGE plpgsql
                1       AS $function$
                2       begin
                3         return i || '1';
                4       end $function$
                """, ObjectSource.withLineNumbers(PLPGSQL, true));
        assertEquals("1       CREATE OR REPLACE VIEW public.v1 AS\n2        SELECT 1 AS a\n",
                ObjectSource.withLineNumbers("CREATE OR REPLACE VIEW public.v1 AS\n SELECT 1 AS a\n", false));
    }

    @Test
    void editorLineCountsTheHeader() {
        assertEquals(6, Editor.functionLine(PLPGSQL, 3));
    }

    @Test
    void reloptionsQuoteValuesThatAreNotPlainIdentifiers() {
        assertEquals("security_barrier='true', fillfactor='70', foo=bar",
                ObjectSource.reloptionsList("{security_barrier=true,fillfactor=70,foo=bar}"));
        assertEquals(List.of("a=b c", "d"), ObjectSource.arrayElements("{\"a=b c\",d}"));
    }
}
