/**
 * {@code tusk psql}: a psql-compatible terminal on Tusk's client library. {@link org.tusk.psql.Psql} is the
 * entry point (command line, exit codes); {@link org.tusk.psql.ResultPrinter} and
 * {@link org.tusk.psql.ErrorFormatter} reproduce psql 15's output byte for byte;
 * {@link org.tusk.psql.StatementScanner} splits input into statements as psql's lexer does.
 */
@Export
@Version("0.1.0")
package org.tusk.psql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
