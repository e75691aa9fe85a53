/**
 * Load clients the harness needs and wrk cannot do: many keep-alive lanes sending chosen requests at
 * chosen moments (token warm-up, token storms), and thousands of idle long-polls held open at once.
 */
package io.synapserouter.bench.load;
