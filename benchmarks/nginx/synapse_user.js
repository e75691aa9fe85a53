// Resolves the request's access token to the Synapse user, for `hash $user consistent` on sync workers,
// the way the MDAD companion's njs does: a subrequest to a location that proxies to whoami.
// njs 0.7.9 (Debian 12) has no js_shared_dict_zone, so the whoami answer is cached by nginx itself:
// the /_synapse_whoami location uses proxy_cache keyed by the Authorization header (see nginx.conf).
// On a failed lookup it hashes the raw token, as MDAD does; without a token the key is empty.

async function resolve(r) {
    const auth = r.headersIn.Authorization || '';
    let user = '';
    if (auth.startsWith('Bearer ')) {
        user = auth.substring(7);
        try {
            const reply = await r.subrequest('/_synapse_whoami', { method: 'GET' });
            if (reply.status === 200) {
                const id = JSON.parse(reply.responseText).user_id;
                const colon = id.indexOf(':');
                if (id.charAt(0) === '@' && colon > 1) {
                    user = id.substring(1, colon);
                }
            }
        } catch (e) {
            r.warn('whoami lookup failed: ' + e);
        }
    }
    r.headersOut['X-Synapse-User'] = user;
    r.return(200);
}

export default { resolve };
