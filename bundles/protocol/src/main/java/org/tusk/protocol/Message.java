package org.tusk.protocol;

/**
 * One typed message as framed on the wire: its type byte and its body (the bytes after the length
 * word). Decoding the body is left to {@link MessageBody} so that framing and meaning stay apart.
 */
public record Message(byte type, byte[] body) {

    public MessageBody reader() {
        return new MessageBody(body);
    }

    /** The type byte as a character, as PostgreSQL's documentation names messages ('Q', 'X', ...). */
    public char typeChar() {
        return (char) (type & 0xFF);
    }
}
