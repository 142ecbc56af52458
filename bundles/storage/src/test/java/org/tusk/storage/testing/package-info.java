/** Test support shared by the storage subsystems' tests: starting child JVMs for multi-process tests. */
package org.tusk.storage.testing;
