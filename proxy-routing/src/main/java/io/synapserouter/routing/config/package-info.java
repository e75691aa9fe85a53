/**
 * The router's configuration: immutable records for every section of {@code router.yaml}, and the
 * loader that reads, substitutes and validates it once at start-up.
 */
package io.synapserouter.routing.config;
