package org.tusk.itests.harness;

/** Exit code and captured output of a finished command. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    /** Everything, for assertion messages. */
    public String describe() {
        return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
