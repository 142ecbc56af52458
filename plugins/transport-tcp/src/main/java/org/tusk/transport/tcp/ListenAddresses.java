package org.tusk.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns PostgreSQL's listen_addresses into addresses to bind: a comma-separated list of host names
 * and numeric addresses, where "*" means every IPv4 and IPv6 interface, "0.0.0.0" / "::" one family's
 * wildcard, "localhost" every loopback address the resolver knows, and an empty value no TCP at all.
 */
final class ListenAddresses {

    private ListenAddresses() {
    }

    static List<InetAddress> resolve(String listenAddresses) throws IOException {
        Set<InetAddress> result = new LinkedHashSet<>();
        for (String raw : listenAddresses.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("*")) {
                result.add(InetAddress.getByName("0.0.0.0"));
                if (ipv6Available()) {
                    result.add(InetAddress.getByName("::"));
                }
                continue;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    result.add(a);
                }
            } catch (UnknownHostException e) {
                throw new IOException("could not translate host name \"" + name + "\" to address: "
                        + "Name or service not known", e);
            }
        }
        return new ArrayList<>(result);
    }

    private static boolean ipv6Available() {
        try (var s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
