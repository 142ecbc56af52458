package org.tusk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ControlCommandsTest {

    @Test
    void serverOptionsSplitLikeAShell() {
        assertEquals(List.of("-p", "5433", "-c", "log_line_prefix=%m [%p] "),
                ControlCommands.Base.splitOptions(" -p 5433  -c 'log_line_prefix=%m [%p] '"));
        assertEquals(List.of("-c", "a=b c", "x\"y"), ControlCommands.Base.splitOptions("-c \"a=b c\" x\\\"y"));
        assertEquals(List.of(), ControlCommands.Base.splitOptions("   "));
    }
}
