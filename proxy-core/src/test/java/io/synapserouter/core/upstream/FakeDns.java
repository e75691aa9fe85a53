package io.synapserouter.core.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A name service a test controls: records can change (a restarted container) or vanish. */
final class FakeDns implements EndpointResolver.HostLookup {

    private final Map<String, InetAddress> records = new ConcurrentHashMap<>();
    final List<Thread> lookupThreads = new CopyOnWriteArrayList<>();
    final List<String> lookups = new CopyOnWriteArrayList<>();

    FakeDns put(String name, String ip) {
        try {
            records.put(name, InetAddress.getByAddress(name, InetAddress.getByName(ip).getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
        return this;
    }

    void remove(String name) {
        records.remove(name);
    }

    @Override
    public InetAddress lookup(String host) throws UnknownHostException {
        lookupThreads.add(Thread.currentThread());
        lookups.add(host);
        InetAddress address = records.get(host);
        if (address == null) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        return address;
    }

    long lookupsOf(String host) {
        return lookups.stream().filter(host::equals).count();
    }
}
