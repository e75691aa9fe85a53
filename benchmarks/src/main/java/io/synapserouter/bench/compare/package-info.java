/**
 * The side-by-side comparison of synapse-router and nginx (+njs, as the MDAD companion) on one
 * backend, in one run: process control, the two contenders, the scenarios, and the report.
 * {@code benchmarks/compare.sh} installs the tools and calls {@link io.synapserouter.bench.compare.Compare}.
 */
package io.synapserouter.bench.compare;
