/**
 * The benchmark backend: a Synapse stand-in built for speed, in one process of its own. A main process
 * (whoami over a generated token table, counting calls per token), a federation main, worker pools,
 * each on its own 127.0.0.1 port, and a control port for counters. Long-polls are timers on the event
 * loop, not threads. Started by the comparison harness as a separate JVM so that it never shares a
 * heap or a JIT with the proxy under test.
 */
package io.synapserouter.bench.backend;
