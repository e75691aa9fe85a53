/**
 * How the route table matches fast while keeping first-match-wins semantics exactly: each rule's regex
 * is analysed for its literal prefixes and a literal every match must contain
 * ({@link io.synapserouter.routing.table.internal.PatternAnalysis}); a radix tree over those prefixes
 * ({@link io.synapserouter.routing.table.internal.PrefixTree}) hands a path the few rules that can
 * match it, already in table order; a regex runs only where the literals cannot decide.
 */
package io.synapserouter.routing.table.internal;
