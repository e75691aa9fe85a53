/**
 * The demo deployment: a fake Synapse (the {@code standin} module) with workers of every kind, the
 * router configured in front of it, and the curl commands that show a newcomer where requests go.
 */
package io.synapserouter.launcher.demo;
