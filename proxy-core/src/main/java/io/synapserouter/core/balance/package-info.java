/**
 * Balancers that pick an available endpoint of a pool: a ketama-style consistent-hash ring for
 * sticky keys, least outstanding requests, and round robin.
 */
package io.synapserouter.core.balance;
