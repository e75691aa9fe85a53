/** The admin listener's HTTP handling, format negotiation and event-loop heartbeat. Not an API. */
package io.synapserouter.core.admin.internal;
