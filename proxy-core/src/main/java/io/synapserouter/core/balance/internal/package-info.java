/**
 * Balancer internals: the XXH64 hash function and the allocation-free hashing of string keys that
 * the consistent-hash ring uses. Not an API: other modules use {@link io.synapserouter.core.balance}.
 */
package io.synapserouter.core.balance.internal;
