/**
 * End-to-end acceptance tests of issues 2 and 4: the whole router (in process, {@code *Test}) or the
 * shaded jar as a real process ({@code *IT}, run by failsafe after {@code package}) in front of
 * Synapse stand-ins, all on 127.0.0.1. Measured figures are printed to the surefire/failsafe reports.
 */
package io.synapserouter.launcher.acceptance;
