package org.tusk.spi;

/**
 * The data of a COPY FROM STDIN as the client sends it: the payloads of its CopyData messages, which
 * need not align with rows (a row may span messages, a message may hold many rows).
 */
public interface CopyInStream {

    /**
     * The next CopyData payload, or null after CopyDone.
     *
     * @throws SqlException 57014 "COPY from stdin failed: ..." when the client sent CopyFail, 08P01 for
     *                      a message that has no place in a copy
     */
    byte[] next();
}
