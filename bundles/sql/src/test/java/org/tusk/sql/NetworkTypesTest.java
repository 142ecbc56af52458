package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * inet, cidr, macaddr and macaddr8 through a session: input forms and errors, output, order, operators,
 * functions and casts. Expected values are what PostgreSQL 15 prints.
 */
class NetworkTypesTest {

    /** Runs the statements in one session; the rows (or error) of the last one. */
    static String last(Transcript t, String... sql) {
        List<String> lines = List.of();
        for (String s : sql) {
            lines = t.run(s);
        }
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    private static String last(String... sql) {
        return last(new Transcript(), sql);
    }

    @Test
    void inetAndCidrInputAndOutput() {
        assertEquals("10.1.0.0/16|10.0.0.0/8|224.0.0.0/4|192.168.0.0/24|1.2.3.4|1.2.3.4/24|::1|::ffff:1.2.3.4"
                + "|2001:db8::/32|1:0:0:1::1|1:0:1:0:1:0:1:0|::1.2.3.4", last("select '10.1'::cidr, '10'::cidr,"
                + " '224'::cidr, '192.168'::cidr, '1.2.3.4'::inet, '1.2.3.4/24'::inet, '::1'::inet,"
                + " '::ffff:1.2.3.4'::inet, '2001:db8::/32'::cidr, '1:0:0:1:0:0:0:1'::inet, '1:0:1:0:1:0:1:0'::inet,"
                + " '::1.2.3.4'::inet"));
        assertEquals("::2|::|2001:db8::/128|2001:db8:0:0:1::|::ffff:0:102:304", last("select '::2'::inet, '::'::inet,"
                + " '2001:db8::'::cidr, '2001:db8:0:0:1::'::inet, '::ffff:0:1.2.3.4'::inet"));
        assertEquals("10.1.0.0/16|10.0.0.0/8|10.1.2.0/24|128.0.0.0/16|240.0.0.0/32|225.0.0.0/8|10.0.0.0/0",
                last("select '0x0a01/16'::cidr, '0x0a'::cidr, '10.1.2'::cidr, '128'::cidr, '240'::cidr,"
                        + " '225'::cidr, '10.0.0.0/00'::inet"));
        assertEquals("::ffff:1.2.3.0|::ffff:1.2.3.0/128", last("select '::ffff:1.2.3'::inet, '::ffff:1.2.3'::cidr"));
        assertEquals("E ERROR 22P02 invalid input syntax for type inet: \"10.1\" @8", last("select '10.1'::inet"));
        assertEquals("E ERROR 22P02 invalid input syntax for type inet: \"::1/129\" @8", last("select '::1/129'::inet"));
        assertEquals("E ERROR 22P02 invalid input syntax for type inet: \"1::2::3\" @8", last("select '1::2::3'::inet"));
        assertEquals("E ERROR 22P02 invalid input syntax for type cidr: \"x\" @8", last("select 'x'::cidr"));
        assertEquals("E ERROR 22P02 invalid cidr value: \"10.1.2.3/8\" @8 D Value has bits set to right of mask.",
                last("select '10.1.2.3/8'::cidr"));
    }

    @Test
    void inetFunctions() {
        assertEquals("10.1/16|0/0|10.1.2/23|2001:db8/32|1.2.3.4|1.2.3/24|::/0|1.2.3.4/24|2001:db8::1/64"
                + "|2001:db8:1/48|2001:db8:1:ff00/56|::ffff:1.2.3/120", last("select abbrev('10.1.0.0/16'::cidr),"
                + " abbrev('0.0.0.0/0'::cidr), abbrev('10.1.2.0/23'::cidr), abbrev('2001:db8::/32'::cidr),"
                + " abbrev('1.2.3.4/32'::inet), abbrev('1.2.3.0/24'::cidr), abbrev('::/0'::cidr),"
                + " abbrev('1.2.3.4/24'::inet), abbrev('2001:db8::1/64'::inet), abbrev('2001:db8:1::/48'::cidr),"
                + " abbrev('2001:db8:1:ff00::/56'::cidr), abbrev('::ffff:1.2.3.0/120'::cidr)"));
        assertEquals("245.255.255.255/8|0.0.3.4/24|1.2.3.2/24|5|255.255.240.0|0.0.15.255|1.2.0.0/20|1.2.15.255/20"
                + "|::15.255.255.255/100|ffff:ffff:ffff:ffff:ffff:ffff:f000:0", last("select ~ '10.0.0.0/8'::cidr,"
                + " '1.2.3.4/24'::inet & '0.0.255.255/16'::inet, '1.2.3.4/24'::inet - 2,"
                + " '1.2.3.4'::inet - '1.2.2.255'::inet, netmask('1.2.3.4/20'), hostmask('1.2.3.4/20'),"
                + " network('1.2.3.4/20'), broadcast('1.2.3.4/20'::inet), broadcast('::1/100'), netmask('::1/100')"));
        assertEquals("1.2.0.0/21|1.2.3.0/32|1.2.3.4|1.0.0.0/8|1.2.0.0/16", last("select inet_merge('1.2.3.4/24',"
                + "'1.2.5.4/30'), set_masklen('1.2.3.0/24'::cidr, -1), set_masklen('1.2.3.4/24'::inet,-1),"
                + " set_masklen('1.2.3.0/24'::cidr, 8), set_masklen('1.2.3.4'::cidr, 16)"));
        assertEquals("1.2.3.0/24|1.2.3.0/24|t|6|128|f|t|f|t|t|f", last("select '1.2.3.4/24'::inet::cidr,"
                + " cidr('1.2.3.4/24'::inet), '10.1.2.3/8'::inet < '10.0.0.0/16'::inet, family('::1'), masklen('::1'),"
                + " inet_same_family('1.2.3.4','::1'), '1.2.3.4'::inet << '1.2.0.0/16', '1.2.0.0/16'::inet <<"
                + " '1.2.0.0/16', '1.2.0.0/16'::inet <<= '1.2.0.0/16', '1.2.0.0/16'::inet && '1.0.0.0/8',"
                + " '::1'::inet && '1.0.0.0/8'"));
        assertEquals("1.2.3.4/32|10.0.0.0/8|1.2.3.4/32|1.2.3.4|::1/128|10.0.0.1/8", last("select"
                + " '1.2.3.4'::inet::text, '10.0.0.0/8'::cidr::text, '1.2.3.4'::inet::varchar, host('1.2.3.4/8'::inet),"
                + " text('::1'::inet), '10.0.0.0/8'::cidr + 1"));
        assertEquals("E ERROR 22023 invalid mask length: 40 @-", last("select set_masklen('1.2.3.4/8'::inet, 40)"));
        assertEquals("E ERROR 22023 cannot AND inet values of different sizes @-",
                last("select '1.2.3.4'::inet & '::1'::inet"));
        assertEquals("E ERROR 22003 result is out of range @-", last("select '255.255.255.255'::inet + 1"));
        assertEquals("E ERROR 22023 cannot merge addresses from different families @-",
                last("select inet_merge('1.2.3.4','::1')"));
    }

    @Test
    void macaddr() {
        assertEquals("08:00:2b:01:02:03|08:00:2b:01:02:03|08:00:2b:01:02:03|08:00:2b:01:02:03|08:00:2b:01:02:03"
                + "|08:00:2b:01:02:03|08:00:2b:01:02:03|08:00:2b:01:02:03", last("select '08:00:2b:01:02:03'::macaddr,"
                + " '08-00-2b-01-02-03'::macaddr, '08002b:010203'::macaddr, '08002b-010203'::macaddr,"
                + " '0800.2b01.0203'::macaddr, '0800-2b01-0203'::macaddr, '08002b010203'::macaddr,"
                + " ' 8:0:2B:1:2:3 '::macaddr"));
        assertEquals("08:00:2b:ff:fe:01:02:03|08:00:2b:01:02:03:04:05|08:00:2b:01:02:03:04:05|08:00:2b:01:02:03:04:05",
                last("select '08:00:2b:01:02:03'::macaddr8, '08-00-2b-01-02-03-04-05'::macaddr8,"
                        + " '0800.2b01.0203.0405'::macaddr8, '08:002b:01:02:03:04:05'::macaddr8"));
        assertEquals("08:00:2b:00:00:00|08:00:2b:00:00:00:00:00|f7:ff:d4:fe:fd:fc|08:00:2b:00:00:00"
                + "|0a:00:2b:01:02:03:04:05|08:00:2b:ff:fe:01:02:03|08:00:2b:03:04:05", last("select"
                + " trunc('08:00:2b:01:02:03'::macaddr), trunc('08:00:2b:01:02:03:04:05'::macaddr8),"
                + " ~'08:00:2b:01:02:03'::macaddr, '08:00:2b:01:02:03'::macaddr & 'ff:ff:ff:00:00:00',"
                + " macaddr8_set7bit('08:00:2b:01:02:03:04:05'), '08:00:2b:01:02:03'::macaddr::macaddr8,"
                + " '08:00:2b:ff:fe:03:04:05'::macaddr8::macaddr"));
        assertEquals("08:00:2b:ff:fe:01:02:03", last("select '08:00:2b:01:02:03:'::macaddr8"));
        assertEquals("E ERROR 22003 invalid octet value in \"macaddr\" value: \"08:00:2b:01:02:123\" @8",
                last("select '08:00:2b:01:02:123'::macaddr"));
        assertEquals("E ERROR 22P02 invalid input syntax for type macaddr: \"08:00-2b:01:02:03\" @8",
                last("select '08:00-2b:01:02:03'::macaddr"));
        assertEquals("E ERROR 22003 macaddr8 data out of range to convert to macaddr @- H Only addresses that have FF"
                + " and FE as values in the 4th and 5th bytes from the left, for example xx:xx:xx:ff:fe:xx:xx:xx, are"
                + " eligible to be converted from macaddr8 to macaddr.",
                last("select '08:00:2b:01:02:03:04:05'::macaddr8::macaddr"));
    }
}
