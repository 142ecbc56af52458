package org.tusk.psql;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** psql's password prompt (simple_prompt): on the terminal without echo, else a line of standard input. */
final class Passwords {

    private Passwords() {
    }

    static boolean canPrompt() {
        return System.console() != null;
    }

    static String prompt(String user, InputStream in, PrintStream err) {
        String text = "Password for user " + user + ": ";
        Console c = System.console();
        if (c != null) {
            char[] p = c.readPassword("%s", text);
            return p == null ? "" : new String(p);
        }
        err.print(text);
        err.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            err.print("\n");
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * simple_prompt on the controlling terminal: TEXT written to /dev/tty, a line read from it (without
     * echo when {@code echo} is false, through stty). Null when there is no terminal to open.
     */
    static String readFromTerminal(String text, boolean echo) {
        java.io.File tty = new java.io.File("/dev/tty");
        try (java.io.FileOutputStream out = new java.io.FileOutputStream(tty);
                java.io.FileInputStream in = new java.io.FileInputStream(tty)) {
            if (text != null) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (!echo) {
                stty("-echo");
            }
            try {
                String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                if (!echo) {
                    out.write('\n');
                }
                return line == null ? "" : line;
            } finally {
                if (!echo) {
                    stty("echo");
                }
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static void stty(String mode) {
        try {
            new ProcessBuilder("stty", mode).redirectInput(new java.io.File("/dev/tty")).start().waitFor();
        } catch (IOException e) {
            // no stty: the input is echoed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
