package org.tusk.storage.recovery;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.control.DbState;
import org.tusk.storage.wal.CheckpointHooks;
import org.tusk.storage.wal.CheckpointRecord;
import org.tusk.storage.wal.Checkpointer;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalReader;
import org.tusk.storage.wal.WalRecord;

/**
 * Crash recovery at start-up (PostgreSQL's StartupXLOG with InitWalRecovery / PerformWalRecovery).
 *
 * <ol>
 * <li>Read {@code global/pg_control}; read the latest checkpoint record it points at (without it
 *     nothing can be trusted: "could not locate a valid checkpoint record").</li>
 * <li>If the cluster was shut down cleanly and no WAL follows that checkpoint, there is nothing to
 *     do. Otherwise mark the control file "in crash recovery" and replay every record from the
 *     checkpoint's redo point on, each by the resource manager registered for its rmgr id.</li>
 * <li>Replay stops at the first record that is not valid (zeroes, a bad CRC, a wrong page address, a
 *     wrong prev-link): that is the end of the log. The reason is logged in PostgreSQL's words, then
 *     "redo done at" the last good record.</li>
 * <li>{@link #startup}: new WAL continues right after the last valid record, overwriting the invalid
 *     tail; an end-of-recovery checkpoint makes the replayed pages durable and the control file
 *     says "in production".</li>
 * </ol>
 */
public final class StartupRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRecovery.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What recovery found and did. */
    public record Outcome(boolean performed, long checkpoint, long redoStart, long lastRecord, long endOfLog,
            long nextXid, int nextOid, int recordsReplayed, String stopReason, List<String> messages) {
    }

    private final Path dataDirectory;
    private final RedoBufferAccess buffers;
    private final Map<Integer, ResourceManager> managers = new HashMap<>();
    private final List<String> messages = new ArrayList<>();

    public StartupRecovery(Path dataDirectory, RedoBufferAccess buffers, Collection<ResourceManager> resourceManagers) {
        this.dataDirectory = dataDirectory;
        this.buffers = buffers;
        for (ResourceManager rm : resourceManagers) {
            if (rm.id() == RmgrIds.XLOG || rm.id() < 0 || rm.id() > RmgrIds.MAX) {
                throw new IllegalArgumentException("invalid resource manager ID " + rm.id());
            }
            if (managers.putIfAbsent(rm.id(), rm) != null) {
                throw new IllegalArgumentException("resource manager ID " + rm.id() + " registered twice");
            }
        }
    }

    /**
     * Recovery and the switch to normal operation: {@link #redo}, then new WAL starts after the last
     * valid record, then an end-of-recovery checkpoint (if anything was replayed) or just the state
     * "in production" in the control file.
     */
    public Outcome startup(Wal wal, CheckpointHooks hooks) {
        Outcome outcome = redo();
        ControlFile.Data control = ControlFile.read(dataDirectory);
        wal.startInsertion(outcome.lastRecord(), outcome.endOfLog(), control.redo());
        if (outcome.performed()) {
            new Checkpointer(wal, dataDirectory, hooks, outcome::nextXid, outcome::nextOid, Clock.systemUTC())
                    .checkpoint(Checkpointer.Kind.END_OF_RECOVERY);
        } else {
            ControlFile.update(dataDirectory, control.withState(DbState.IN_PRODUCTION, Instant.now().getEpochSecond()));
        }
        return outcome;
    }

    /**
     * Replays the WAL from the latest checkpoint's redo point to its end. Writes nothing but pages
     * (through {@link RedoBufferAccess}) and the control file's state; running it again replays the
     * same records and leaves the pages as they were (redo is idempotent).
     */
    public Outcome redo() {
        ControlFile.Data control = ControlFile.read(dataDirectory);
        logStartState(control);
        try (WalReader reader = new WalReader(dataDirectory.resolve("pg_wal"), control.systemIdentifier())) {
            WalRecord checkpointRecord = reader.read(control.checkPoint());
            CheckpointRecord checkpoint = checkpointRecord == null ? null : CheckpointRecord.of(checkpointRecord);
            if (checkpoint == null) {
                log(checkpointRecord == null ? reader.errorMessage() : "invalid checkpoint record");
                log("invalid primary checkpoint record");
                throw new IllegalStateException("could not locate a valid checkpoint record");
            }
            long nextXid = checkpoint.nextXid();
            int nextOid = checkpoint.nextOid();
            boolean clean = control.state() == DbState.SHUT_DOWN;
            boolean walAfter = checkpoint.redo() != checkpointRecord.lsn() || reader.next() != null;
            if (clean && !walAfter) {
                return new Outcome(false, checkpointRecord.lsn(), checkpoint.redo(), checkpointRecord.lsn(),
                        checkpointRecord.endLsn(), nextXid, nextOid, 0, null, List.copyOf(messages));
            }
            if (!clean) {
                log("database system was not properly shut down; automatic recovery in progress");
            }
            ControlFile.update(dataDirectory, control.withState(DbState.IN_CRASH_RECOVERY,
                    Instant.now().getEpochSecond()));
            WalRecord record = reader.read(checkpoint.redo());
            if (record == null) {
                log(reader.errorMessage());
                throw new IllegalStateException("could not find redo location referenced by checkpoint record");
            }
            log("redo starts at " + Lsn.format(record.lsn()));
            int replayed = 0;
            WalRecord last = record;
            while (record != null) {
                dispatch(record);
                replayed++;
                if (TransactionIds.isValid(record.xid()) && record.xid() >= nextXid) {
                    nextXid = record.xid() + 1;
                }
                if (record.rmid() == RmgrIds.XLOG && record.info() == RmgrIds.XLOG_NEXTOID) {
                    // OIDs below the record's value may have been handed out: never again.
                    int logged = record.mainDataBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
                    nextOid = Integer.compareUnsigned(logged, nextOid) > 0 ? logged : nextOid;
                }
                CheckpointRecord passed = CheckpointRecord.of(record);
                if (passed != null) {
                    nextXid = Math.max(nextXid, passed.nextXid());
                    nextOid = Integer.compareUnsigned(passed.nextOid(), nextOid) > 0 ? passed.nextOid() : nextOid;
                }
                last = record;
                record = reader.next();
            }
            String reason = reader.errorMessage();
            log(reason);
            log("redo done at " + Lsn.format(last.lsn()));
            return new Outcome(true, checkpointRecord.lsn(), checkpoint.redo(), last.lsn(), last.endLsn(), nextXid,
                    nextOid, replayed, reason, List.copyOf(messages));
        }
    }

    private void dispatch(WalRecord record) {
        if (record.rmid() == RmgrIds.XLOG) {
            return; // checkpoints, no-ops and NEXTOID change no page; their counters are taken in redo()
        }
        ResourceManager rm = managers.get(record.rmid());
        if (rm == null) {
            throw new IllegalStateException("resource manager with ID " + record.rmid() + " not registered");
        }
        rm.redo(record, new RedoContext(buffers, record));
    }

    private void logStartState(ControlFile.Data control) {
        String at = TIME.format(Instant.ofEpochSecond(control.time()));
        switch (control.state()) {
            case SHUT_DOWN -> log("database system was shut down at " + at);
            case SHUT_DOWN_IN_RECOVERY -> log("database system was shut down in recovery at " + at);
            case SHUTTING_DOWN -> log("database system shutdown was interrupted; last known up at " + at);
            case IN_CRASH_RECOVERY -> log("database system was interrupted while in recovery at " + at);
            default -> log("database system was interrupted; last known up at " + at);
        }
    }

    private void log(String message) {
        messages.add(message);
        LOG.info(message);
    }
}
