package org.tusk.backend.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * pg_hba.conf, read and matched as PostgreSQL's hba.c does: the file is tokenized (whitespace-separated
 * fields, comma-separated lists, double quotes, {@code #} comments), each line is checked when the
 * file is loaded, and a connection takes the method of the first line that matches its connection
 * type, database, user and address.
 *
 * <p>What differs from PostgreSQL, until the parts it needs exist: {@code @file} inclusion, host names,
 * {@code samehost} and {@code samenet} are refused when the file is loaded; roles have no membership
 * yet, so {@code +group} and {@code samerole} match only the role itself (every role is a member of
 * itself in PostgreSQL too); authentication options after the method are ignored with a warning;
 * {@code hostgssenc} never matches and {@code hostnogssenc} matches every TCP connection, because
 * there is no GSSAPI encryption.
 */
final class HbaFile {

    /** The methods the backend knows how to run (reject itself, the others through services). */
    static final Set<String> KNOWN_METHODS = Set.of("trust", "reject", "password", "md5", "scram-sha-256");
    /** PostgreSQL's other methods; Tusk accepts them only when a plugin provides them. */
    static final Set<String> UNSUPPORTED_METHODS = Set.of("gss", "sspi", "ident", "peer", "pam", "ldap", "radius",
            "cert", "bsd");

    enum ConnectionType {
        LOCAL, HOST, HOSTSSL, HOSTNOSSL, HOSTGSSENC, HOSTNOGSSENC
    }

    /** One item of a field; a quoted item is never a keyword. */
    record Token(String text, boolean quoted) {
        boolean isKeyword(String keyword) {
            return !quoted && text.equals(keyword);
        }
    }

    /** The address column: {@code address} and {@code mask} of the same length, or both null for "all". */
    record AddressRange(byte[] address, byte[] mask) {
        static final AddressRange ALL = new AddressRange(null, null);

        boolean contains(byte[] a) {
            if (address == null) {
                return true;
            }
            if (a == null) {
                return false;
            }
            if (a.length != address.length) {
                return false; // PostgreSQL compares addresses of the same family only
            }
            for (int i = 0; i < a.length; i++) {
                if (((a[i] ^ address[i]) & mask[i]) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One valid line of the file. */
    record Line(int number, String text, ConnectionType type, List<Token> databases, List<Token> users,
            AddressRange address, String method) {
    }

    /**
     * What a connection presents for matching.
     *
     * @param local a Unix-domain socket
     * @param tls TLS is in use
     * @param address the client's IP address, 4 or 16 bytes (null for a local socket)
     * @param roleExists the role named {@code user} exists, for {@code +group} and {@code samerole}
     */
    record Client(boolean local, boolean tls, byte[] address, String user, String database, boolean roleExists) {
    }

    /** The bytes of an address as a transport reports it ("127.0.0.1", "0:0:0:0:0:0:0:1%lo"), or null. */
    static byte[] clientAddress(String remoteHost) {
        int scope = remoteHost.indexOf('%');
        return numericAddress(scope >= 0 ? remoteHost.substring(0, scope) : remoteHost);
    }

    /** The file has errors; each is a complete log message, CONTEXT included. */
    static final class HbaException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> errors;

        HbaException(List<String> errors) {
            super(String.join("\n", errors));
            this.errors = List.copyOf(errors);
        }

        List<String> errors() {
            return errors;
        }
    }

    private final Path path;
    private final List<Line> lines;

    private HbaFile(Path path, List<Line> lines) {
        this.path = path;
        this.lines = List.copyOf(lines);
    }

    Path path() {
        return path;
    }

    List<Line> lines() {
        return lines;
    }

    /**
     * Reads and checks the file.
     *
     * @param installedMethods whether an authentication method of that name is installed
     * @param sslOn the ssl setting, for the warning on hostssl lines that cannot match
     * @param warnings receives what PostgreSQL logs without refusing the file
     * @throws java.nio.file.NoSuchFileException when there is no file
     * @throws HbaException when the file has errors or no entries
     */
    static HbaFile load(Path path, Predicate<String> installedMethods, boolean sslOn, Consumer<String> warnings)
            throws IOException, HbaException {
        return parse(path, Files.readAllLines(path), installedMethods, sslOn, warnings);
    }

    static HbaFile parse(Path path, List<String> text, Predicate<String> installedMethods, boolean sslOn,
            Consumer<String> warnings) throws HbaException {
        List<String> errors = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String raw = text.get(i);
            int number = i + 1;
            LineParser parser = new LineParser(path, number, raw, installedMethods, sslOn, warnings);
            try {
                Line line = parser.parse();
                if (line != null) {
                    lines.add(line);
                }
            } catch (LineError e) {
                errors.add(e.getMessage() + (e.hint == null ? "" : "\nHINT:  " + e.hint) + "\n" + context(path, number));
            }
        }
        if (errors.isEmpty() && lines.isEmpty()) {
            errors.add("configuration file \"" + path + "\" contains no entries");
        }
        if (!errors.isEmpty()) {
            throw new HbaException(errors);
        }
        return new HbaFile(path, lines);
    }

    private static String context(Path path, int line) {
        return "CONTEXT:  line " + line + " of configuration file \"" + path + "\"";
    }

    /** The first line that matches, as PostgreSQL's check_hba; empty means an implicit reject. */
    Optional<Line> match(Client client) {
        for (Line line : lines) {
            if (matches(line, client)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Line line, Client c) {
        switch (line.type()) {
            case LOCAL -> {
                if (!c.local()) {
                    return false;
                }
            }
            case HOST, HOSTSSL, HOSTNOSSL, HOSTGSSENC, HOSTNOGSSENC -> {
                if (c.local()) {
                    return false;
                }
                if (line.type() == ConnectionType.HOSTSSL && !c.tls()
                        || line.type() == ConnectionType.HOSTNOSSL && c.tls()
                        || line.type() == ConnectionType.HOSTGSSENC) {
                    return false;
                }
                if (!line.address().contains(c.address())) {
                    return false;
                }
            }
        }
        return matchesDatabase(line.databases(), c) && matchesUser(line.users(), c);
    }

    private static boolean matchesDatabase(List<Token> tokens, Client c) {
        for (Token t : tokens) {
            if (t.isKeyword("all")) {
                return true;
            } else if (t.isKeyword("sameuser")) {
                if (c.database().equals(c.user())) {
                    return true;
                }
            } else if (t.isKeyword("samerole") || t.isKeyword("samegroup")) {
                // Membership in the role named like the database; without role membership that is the role itself.
                if (c.roleExists() && c.database().equals(c.user())) {
                    return true;
                }
            } else if (t.isKeyword("replication")) {
                continue; // only replication connections, which are not served
            } else if (t.text().equals(c.database())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesUser(List<Token> tokens, Client c) {
        for (Token t : tokens) {
            if (!t.quoted() && t.text().startsWith("+")) {
                // Membership in the group; without role membership only the role itself is a member.
                if (c.roleExists() && t.text().substring(1).equals(c.user())) {
                    return true;
                }
            } else if (t.text().equals(c.user()) || t.isKeyword("all")) {
                return true;
            }
        }
        return false;
    }

    /** An error in one line: logged with the line's context, the line is skipped, the file is refused. */
    private static final class LineError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String hint;

        LineError(String message) {
            this(message, null);
        }

        LineError(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    /** Parses one line: PostgreSQL's tokenize_auth_file (one line) followed by parse_hba_line. */
    private static final class LineParser {
        private final Path path;
        private final int number;
        private final String raw;
        private final Predicate<String> installedMethods;
        private final boolean sslOn;
        private final Consumer<String> warnings;
        private int pos;

        LineParser(Path path, int number, String raw, Predicate<String> installedMethods, boolean sslOn,
                Consumer<String> warnings) {
            this.path = path;
            this.number = number;
            this.raw = raw;
            this.installedMethods = installedMethods;
            this.sslOn = sslOn;
            this.warnings = warnings;
        }

        Line parse() throws LineError {
            List<List<Token>> fields = new ArrayList<>();
            List<Token> field;
            while ((field = nextField()) != null) {
                fields.add(field);
            }
            if (fields.isEmpty()) {
                return null; // blank or comment
            }
            int f = 0;
            List<Token> typeField = fields.get(f++);
            if (typeField.size() > 1) {
                throw new LineError("multiple values specified for connection type",
                        "Specify exactly one connection type per line.");
            }
            ConnectionType type = connectionType(typeField.get(0).text());

            if (f >= fields.size()) {
                throw new LineError("end-of-line before database specification");
            }
            List<Token> databases = fields.get(f++);
            if (f >= fields.size()) {
                throw new LineError("end-of-line before role specification");
            }
            List<Token> users = fields.get(f++);

            AddressRange address = null;
            if (type != ConnectionType.LOCAL) {
                if (f >= fields.size()) {
                    throw new LineError("end-of-line before IP address specification");
                }
                List<Token> addressField = fields.get(f++);
                if (addressField.size() > 1) {
                    throw new LineError("multiple values specified for host address",
                            "Specify one address range per line.");
                }
                String token = addressField.get(0).text();
                if (token.equals("all")) {
                    address = AddressRange.ALL;
                } else if (token.equals("samehost") || token.equals("samenet")) {
                    throw new LineError("address \"" + token + "\" is not supported yet",
                            "Specify an address range in CIDR notation.");
                } else {
                    int slash = token.indexOf('/');
                    String host = slash >= 0 ? token.substring(0, slash) : token;
                    byte[] ip = numericAddress(host);
                    if (ip == null) {
                        if (slash >= 0) {
                            throw new LineError("specifying both host name and CIDR mask is invalid: \"" + token + "\"");
                        }
                        throw new LineError("invalid IP address \"" + host + "\": host names are not supported",
                                "Specify an address range in CIDR notation, or an IP address and a netmask.");
                    }
                    byte[] mask;
                    if (slash >= 0) {
                        mask = cidrMask(token.substring(slash + 1), ip.length);
                        if (mask == null) {
                            throw new LineError("invalid CIDR mask in address \"" + token + "\"");
                        }
                    } else {
                        if (f >= fields.size()) {
                            throw new LineError("end-of-line before netmask specification",
                                    "Specify an address range in CIDR notation, or provide a separate netmask.");
                        }
                        List<Token> maskField = fields.get(f++);
                        if (maskField.size() > 1) {
                            throw new LineError("multiple values specified for netmask");
                        }
                        mask = numericAddress(maskField.get(0).text());
                        if (mask == null) {
                            throw new LineError("invalid IP mask \"" + maskField.get(0).text()
                                    + "\": Name or service not known");
                        }
                        if (mask.length != ip.length) {
                            throw new LineError("IP address and mask do not match");
                        }
                    }
                    address = new AddressRange(ip, mask);
                }
            }

            if (f >= fields.size()) {
                throw new LineError("end-of-line before authentication method");
            }
            List<Token> methodField = fields.get(f++);
            if (methodField.size() > 1) {
                throw new LineError("multiple values specified for authentication type",
                        "Specify exactly one authentication type per line.");
            }
            String method = methodField.get(0).text();
            if (!KNOWN_METHODS.contains(method) && !installedMethods.test(method)) {
                throw new LineError("invalid authentication method \"" + method + "\""
                        + (UNSUPPORTED_METHODS.contains(method) ? ": not supported by this build" : ""));
            }
            for (; f < fields.size(); f++) {
                for (Token option : fields.get(f)) {
                    if (option.text().indexOf('=') < 0) {
                        throw new LineError("authentication option not in name=value format: " + option.text());
                    }
                    warn("authentication option \"" + option.text().substring(0, option.text().indexOf('='))
                            + "\" is not supported and was ignored", null);
                }
            }
            for (List<Token> names : List.of(databases, users)) {
                for (Token t : names) {
                    if (!t.quoted() && t.text().length() > 1 && t.text().startsWith("@")) {
                        throw new LineError("file inclusion with \"@\" is not supported: \"" + t.text() + "\"");
                    }
                }
            }
            return new Line(number, raw.strip(), type, List.copyOf(databases), List.copyOf(users), address, method);
        }

        private ConnectionType connectionType(String t) throws LineError {
            switch (t) {
                case "local":
                    return ConnectionType.LOCAL;
                case "host":
                    return ConnectionType.HOST;
                case "hostssl":
                    if (!sslOn) {
                        warn("hostssl record cannot match because SSL is disabled", "Set ssl = on in postgresql.conf.");
                    }
                    return ConnectionType.HOSTSSL;
                case "hostnossl":
                    return ConnectionType.HOSTNOSSL;
                case "hostgssenc":
                    warn("hostgssenc record cannot match because GSSAPI is not supported by this build", null);
                    return ConnectionType.HOSTGSSENC;
                case "hostnogssenc":
                    return ConnectionType.HOSTNOGSSENC;
                default:
                    throw new LineError("invalid connection type \"" + t + "\"");
            }
        }

        private void warn(String message, String hint) {
            warnings.accept(message + (hint == null ? "" : "\nHINT:  " + hint) + "\n" + context(path, number));
        }

        /** The next field (a comma-separated list of tokens), or null at the end of the line. */
        private List<Token> nextField() {
            List<Token> tokens = new ArrayList<>();
            boolean[] comma = new boolean[1];
            do {
                Token t = nextToken(comma);
                if (t == null) {
                    break;
                }
                tokens.add(t);
            } while (comma[0]);
            return tokens.isEmpty() ? null : tokens;
        }

        /** PostgreSQL's next_token: blanks and commas before a token are skipped. */
        private Token nextToken(boolean[] terminatingComma) {
            terminatingComma[0] = false;
            while (pos < raw.length() && (isBlank(raw.charAt(pos)) || raw.charAt(pos) == ',')) {
                pos++;
            }
            StringBuilder buf = new StringBuilder();
            boolean inQuote = false;
            boolean wasQuote = false;
            boolean sawQuote = false;
            boolean initialQuote = false;
            while (pos < raw.length()) {
                char c = raw.charAt(pos);
                if (isBlank(c) && !inQuote) {
                    break;
                }
                pos++;
                if (c == '#' && !inQuote) {
                    pos = raw.length(); // comment to the end of the line
                    break;
                }
                if (c == ',' && !inQuote) {
                    terminatingComma[0] = true;
                    break;
                }
                if (c != '"' || wasQuote) {
                    buf.append(c);
                }
                // A literal double quote inside quotes is written as two.
                wasQuote = inQuote && c == '"' && !wasQuote;
                if (c == '"') {
                    inQuote = !inQuote;
                    sawQuote = true;
                    if (buf.isEmpty()) {
                        initialQuote = true;
                    }
                }
            }
            return sawQuote || !buf.isEmpty() ? new Token(buf.toString(), initialQuote) : null;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }

    /** A numeric IPv4 or IPv6 address, never a name lookup; null when {@code s} is not one. */
    static byte[] numericAddress(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return null;
        }
        try {
            InetAddress a = InetAddress.ofLiteral(s);
            if (a instanceof Inet4Address && s.indexOf(':') >= 0) {
                // "::ffff:1.2.3.4" is an IPv6 address in pg_hba.conf
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xFF;
                v6[11] = (byte) 0xFF;
                System.arraycopy(a.getAddress(), 0, v6, 12, 4);
                return v6;
            }
            return a.getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The mask of a CIDR length, as PostgreSQL's pg_sockaddr_cidr_mask; null when invalid. */
    static byte[] cidrMask(String bits, int length) {
        if (bits.isEmpty() || !bits.chars().allMatch(Character::isDigit) || bits.length() > 3) {
            return null;
        }
        int n = Integer.parseInt(bits);
        if (n > length * 8) {
            return null;
        }
        byte[] mask = new byte[length];
        for (int i = 0; i < length; i++) {
            int b = Math.min(8, Math.max(0, n - i * 8));
            mask[i] = (byte) (0xFF << (8 - b));
        }
        return mask;
    }
}
