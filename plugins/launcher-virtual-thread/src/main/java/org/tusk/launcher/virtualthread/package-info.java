/**
 * The "virtual-thread" backend launcher: runs each backend on a virtual thread: connection set-up costs microseconds and an idle session a few kilobytes of heap. The backend blocks only in java.net socket I/O, which unmounts the virtual thread instead of pinning its carrier.
 */
package org.tusk.launcher.virtualthread;
