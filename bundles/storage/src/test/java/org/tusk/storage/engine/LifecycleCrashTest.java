package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.testing.ChildJvm;

/**
 * Relation lifecycle and OIDs against a real kill -9, three times over one data directory: a child
 * JVM ({@link LifecycleProcess}) creates, drops and aborts tables and takes OIDs through the access
 * API until it is killed with SIGKILL; then the cluster is recovered here and checked. Every table
 * acknowledged as created and not dropped is there with its row (but the one whose drop may have
 * committed unacknowledged); every table acknowledged as dropped
 * has no file; an aborted one has none either once a later commit flushed its abort record (the very
 * last abort before the kill may leave an orphan, as in PostgreSQL); and the next OID is above every
 * OID acknowledged as handed out, in this and every earlier round.
 */
class LifecycleCrashTest {

    @TempDir
    Path dir;

    @Test
    void tablesAndOidsSurviveKillNineAsAcknowledged() throws Exception {
        EngineSettings settings = EngineSettings.small().withSharedBuffers(48);
        Path data = dir.resolve("data");
        Path segment = dir.resolve("segment.shm");
        Set<Integer> live = new LinkedHashSet<>();
        long highestOid = 0;
        for (int round = 0; round < 3; round++) {
            Path ack = dir.resolve("ack" + round);
            Path log = dir.resolve("child" + round + ".log");
            Process child = ChildJvm.start(LifecycleProcess.class, log, segment.toString(), data.toString(),
                    settings.encode(), ack.toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int target = 10 + 7 * round;
                while (!Files.exists(ack) || Files.readString(ack).lines().count() < target) {
                    if (!child.isAlive() || System.nanoTime() > deadline) {
                        fail("round " + round + ": the child did not get going: " + Files.readString(log));
                    }
                    Thread.sleep(2);
                }
            } finally {
                child.destroyForcibly(); // SIGKILL
                child.waitFor();
            }
            String text = Files.readString(ack);
            List<String> lines = new ArrayList<>(text.lines().toList());
            if (!text.endsWith("\n")) {
                lines.removeLast(); // cut short by the kill
            }
            List<Integer> aborted = new ArrayList<>();
            int lastCreatedLine = -1;
            int lastCreated = 0;
            int beforeLastCreated = 0;
            boolean droppedSinceLastCreated = false;
            for (int l = 0; l < lines.size(); l++) {
                String[] f = lines.get(l).split(" ");
                int file = Integer.parseUnsignedInt(f[1]);
                switch (f[0]) {
                    case "created" -> {
                        live.add(file);
                        highestOid = Math.max(highestOid, Integer.toUnsignedLong(file));
                        highestOid = Math.max(highestOid, Long.parseLong(f[2]));
                        lastCreatedLine = l;
                        beforeLastCreated = lastCreated;
                        lastCreated = file;
                        droppedSinceLastCreated = false;
                    }
                    case "dropped" -> {
                        assertTrue(live.remove(file), "dropped what was live: " + file);
                        droppedSinceLastCreated = true;
                    }
                    case "aborted" -> {
                        highestOid = Math.max(highestOid, Integer.toUnsignedLong(file));
                        if (l < lines.size() - 1) {
                            aborted.add(file);
                        }
                    }
                    default -> fail("bad line " + lines.get(l));
                }
            }
            try (StorageEngine engine = StorageEngine.create(data, segment, settings.withBackgroundThreads(false));
                    StorageSession s = new EngineStorageAccess(engine).openSession(1)) {
                assertTrue(engine.recoveryOutcome().performed(), "round " + round);
                for (int file : aborted) {
                    // a later line means a later commit, which flushed the abort record before it
                    assertFalse(s.relationExists(new RelationId(LifecycleProcess.DATABASE, file)),
                            "round " + round + ": aborted " + file + " is back");
                }
                // The table created before the newest one may have been dropped by a commit the kill
                // kept from being acknowledged (the child drops it right after acknowledging the
                // newest): either state is right, and the next rounds go on from the real one.
                if (lastCreatedLine >= 0 && !droppedSinceLastCreated && live.contains(beforeLastCreated)
                        && !s.relationExists(new RelationId(LifecycleProcess.DATABASE, beforeLastCreated))) {
                    live.remove(beforeLastCreated);
                }
                s.begin(Isolation.READ_COMMITTED);
                for (int file : live) {
                    RelationId id = new RelationId(LifecycleProcess.DATABASE, file);
                    assertTrue(s.relationExists(id), "round " + round + ": created " + file + " is gone");
                    int rows = 0;
                    try (RowScan scan = s.openTable(id, LifecycleProcess.SHAPE).scan()) {
                        for (Row r = scan.next(); r != null; r = scan.next()) {
                            rows++;
                        }
                    }
                    assertEquals(1, rows, "round " + round + ": table " + file);
                }
                s.commit();
                for (String line : lines) {
                    if (line.startsWith("dropped ")) {
                        int file = Integer.parseUnsignedInt(line.substring(8));
                        assertFalse(s.relationExists(new RelationId(LifecycleProcess.DATABASE, file)),
                                "round " + round + ": dropped " + file + " is back");
                    }
                }
                long next = Integer.toUnsignedLong(s.newOid());
                assertTrue(next > highestOid, "round " + round + ": OID " + next + " was handed out before ("
                        + highestOid + ")");
                highestOid = next;
            }
        }
    }
}
