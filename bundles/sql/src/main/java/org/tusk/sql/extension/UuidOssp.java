package org.tusk.sql.extension;

import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.UUID;

import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * contrib/uuid-ossp 1.1: RFC 4122 UUIDs of versions 1 (time and MAC address), 1mc (time and a random
 * multicast address), 3 (MD5 of a namespace and a name), 4 (random) and 5 (SHA-1 of a namespace and a
 * name), the nil UUID and the four namespace UUIDs of the RFC's appendix C. PostgreSQL builds it on a
 * system UUID library; the algorithms are the RFC's, so the name-based ones give the same UUIDs.
 */
final class UuidOssp {
    /** 100-nanosecond intervals from the Gregorian reform (1582-10-15) to the Unix epoch. */
    private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The last timestamp handed out: version 1 timestamps never repeat within this server. */
    private static final AtomicLong LAST_TIME = new AtomicLong();
    /** The clock sequence, random per server start as the RFC allows when no state is kept. */
    private static final int CLOCK_SEQ = RANDOM.nextInt(1 << 14);
    private static final long NODE = hardwareNode();

    private UuidOssp() {
    }

    static BuiltinExtension extension() {
        List<String> nsName = Arrays.asList("namespace", "name");
        return new BuiltinExtension("uuid-ossp", "1.1", "generate universally unique identifiers (UUIDs)", true,
                true, true, null, "$libdir/uuid-ossp", List.of(
                        NativeFunction.of("uuid_nil", List.of(), UUID, 'i', "uuid_nil",
                                (a, c) -> new java.util.UUID(0, 0)),
                        NativeFunction.of("uuid_ns_dns", List.of(), UUID, 'i', "uuid_ns_dns",
                                (a, c) -> namespace(0)),
                        NativeFunction.of("uuid_ns_url", List.of(), UUID, 'i', "uuid_ns_url",
                                (a, c) -> namespace(1)),
                        NativeFunction.of("uuid_ns_oid", List.of(), UUID, 'i', "uuid_ns_oid",
                                (a, c) -> namespace(2)),
                        NativeFunction.of("uuid_ns_x500", List.of(), UUID, 'i', "uuid_ns_x500",
                                (a, c) -> namespace(4)),
                        NativeFunction.of("uuid_generate_v1", List.of(), UUID, 'v', "uuid_generate_v1",
                                (a, c) -> timeBased(NODE)),
                        NativeFunction.of("uuid_generate_v1mc", List.of(), UUID, 'v', "uuid_generate_v1mc",
                                (a, c) -> timeBased(randomMulticastNode())),
                        new NativeFunction("uuid_generate_v3", nsName, List.of(UUID, TEXT), UUID, 'i',
                                "uuid_generate_v3", (a, c) -> nameBased("MD5", 3, (java.util.UUID) a[0],
                                        (String) a[1])),
                        NativeFunction.of("uuid_generate_v4", List.of(), UUID, 'v', "uuid_generate_v4",
                                (a, c) -> java.util.UUID.randomUUID()),
                        new NativeFunction("uuid_generate_v5", nsName, List.of(UUID, TEXT), UUID, 'i',
                                "uuid_generate_v5", (a, c) -> nameBased("SHA-1", 5, (java.util.UUID) a[0],
                                        (String) a[1]))));
    }

    /** RFC 4122 appendix C: 6ba7b810-9dad-11d1-80b4-00c04fd430c8 and its siblings 811, 812 and 814. */
    static java.util.UUID namespace(int offset) {
        return new java.util.UUID(0x6ba7b8109dad11d1L + ((long) offset << 32), 0x80b400c04fd430c8L);
    }

    /** Versions 3 and 5: the hash of the namespace's 16 bytes followed by the name's UTF-8 bytes. */
    static java.util.UUID nameBased(String algorithm, int version, java.util.UUID namespace, String name) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        md.update(name.getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(md.digest());
        long msb = hash.getLong();
        long lsb = hash.getLong();
        msb = (msb & ~0xF000L) | ((long) version << 12);
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(msb, lsb);
    }

    /** Version 1: a 60-bit timestamp, the clock sequence and a 48-bit node. */
    static java.util.UUID timeBased(long node) {
        long now = System.currentTimeMillis() * 10_000 + GREGORIAN_OFFSET;
        long time = LAST_TIME.updateAndGet(last -> Math.max(last + 1, now));
        long msb = (time & 0xFFFFFFFFL) << 32 | ((time >>> 32) & 0xFFFFL) << 16 | 0x1000L | ((time >>> 48) & 0x0FFFL);
        long lsb = (0x8000L | CLOCK_SEQ) << 48 | node;
        return new java.util.UUID(msb, lsb);
    }

    /** A random node with the multicast bit set, so it can never be a real interface's address (RFC 4.5). */
    private static long randomMulticastNode() {
        return (RANDOM.nextLong() & 0xFFFFFFFFFFFFL) | 0x010000000000L;
    }

    /** The first network interface's MAC address, else a random multicast node. */
    private static long hardwareNode() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = nic.isLoopback() ? null : nic.getHardwareAddress();
                if (mac != null && mac.length == 6) {
                    long node = 0;
                    for (byte b : mac) {
                        node = node << 8 | (b & 0xFF);
                    }
                    if (node != 0) {
                        return node;
                    }
                }
            }
        } catch (java.io.IOException e) {
            // no interfaces to ask: fall back to a random node, as the RFC allows
        }
        return randomMulticastNode();
    }
}
