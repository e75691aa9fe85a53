/** JMH benchmarks of the hot paths, and the harness that compares the router with nginx. */
package io.synapserouter.bench;
