package org.tusk.runtime.logging;

import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger writing to the {@link ServerLog}. Names do not matter to the server log; severities do. */
final class ServerLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    ServerLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return ServerLog.isEnabled(Severity.DEBUG5);
    }

    @Override
    public boolean isDebugEnabled() {
        return ServerLog.isEnabled(Severity.DEBUG1);
    }

    @Override
    public boolean isInfoEnabled() {
        return ServerLog.isEnabled(Severity.LOG);
    }

    @Override
    public boolean isWarnEnabled() {
        return ServerLog.isEnabled(Severity.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
        return ServerLog.isEnabled(Severity.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
            Throwable throwable) {
        Severity severity = Severity.of(level, marker);
        if (!ServerLog.isEnabled(severity)) {
            return;
        }
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        ServerLog.write(severity, MDC.getCopyOfContextMap(), message, throwable);
    }
}
