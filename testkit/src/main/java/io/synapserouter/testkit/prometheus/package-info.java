/** Test support for Prometheus output: parsing a scrape for assertions, and running {@code promtool}. */
package io.synapserouter.testkit.prometheus;
