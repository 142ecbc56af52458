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
}
