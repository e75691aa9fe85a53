package io.synapserouter.launcher.container;

/**
 * A published port, as {@code docker create -p} spells it: {@code [host_ip:][host_port:]container_port[/tcp|udp]}.
 * An empty host port ({@code 127.0.0.1::8008}) lets the Engine pick a free one; an IPv6 host address
 * is written in brackets ({@code [::1]:8008:8008}).
 *
 * @param hostIp        the host address to bind, or empty for every address
 * @param hostPort      the host port, or 0 for one the Engine picks
 * @param containerPort the port inside the container
 * @param protocol      {@code tcp} or {@code udp}
 */
public record PortSpec(String hostIp, int hostPort, int containerPort, String protocol) {

    public static PortSpec parse(String text) {
        String rest = text.trim();
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw new IllegalArgumentException("'" + text + "': the protocol must be tcp or udp");
            }
        }
        String hostIp = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + text + "': expected [ipv6]:host_port:container_port");
            }
            hostIp = rest.substring(1, close);
            rest = rest.substring(close + 2);
            if (rest.indexOf(':') < 0) {
                throw new IllegalArgumentException("'" + text + "': expected [ipv6]:host_port:container_port");
            }
        }
        String[] parts = rest.split(":", -1);
        String hostPort;
        String containerPort;
        switch (parts.length) {
            case 1 -> {
                hostPort = "";
                containerPort = parts[0];
            }
            case 2 -> {
                hostPort = parts[0];
                containerPort = parts[1];
            }
            case 3 -> {
                if (!hostIp.isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "': too many parts");
                }
                hostIp = parts[0];
                hostPort = parts[1];
                containerPort = parts[2];
            }
            default -> throw new IllegalArgumentException("'" + text + "': expected [host_ip:][host_port:]container_port[/protocol]");
        }
        return new PortSpec(hostIp, hostPort.isEmpty() ? 0 : port(text, hostPort), port(text, containerPort), protocol);
    }

    private static int port(String text, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': '" + value + "' is not a port (1-65535)");
        }
    }

    /** The Engine's key for the container side: {@code 8008/tcp}. */
    public String containerKey() {
        return containerPort + "/" + protocol;
    }

    /** The {@code -p} spelling. */
    @Override
    public String toString() {
        String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        String host = ip.isEmpty() && hostPort == 0 ? "" : ip + (ip.isEmpty() ? "" : ":") + (hostPort == 0 ? "" : hostPort) + ":";
        return host + containerPort + "/" + protocol;
    }
}
