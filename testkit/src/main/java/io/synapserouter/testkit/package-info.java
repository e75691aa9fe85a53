/**
 * Test support shared by every module: the leak check that fails a test class on a leaked ByteBuf,
 * and small helpers for tests that run real sockets on 127.0.0.1.
 */
package io.synapserouter.testkit;
