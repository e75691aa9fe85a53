/**
 * Details of the metrics and the access log: label normalisation, query-string redaction and the
 * line formats. Not an API.
 */
package io.synapserouter.core.observe.internal;
