package org.virtualwire.driver.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.virtualwire.api.Host;

/**
 * The first-boot script of a host's instance (cloud-init runs it as root): it installs a JRE, downloads and unpacks
 * the agent distribution ({@code assembly-agent}, the cloud's {@code agentUrl}) into /opt/virtualwire-agent, writes
 * which host it is and which store to join, and starts it as the systemd unit {@code virtualwire-agent}. It also
 * turns on IP forwarding (a gateway relays) and loads the vxlan module. Holds no secret.
 */
final class UserData {
    static final String MARKER = "virtualwire-agent";

    private UserData() {
    }

    static String script(Host host, Ec2Settings s) {
        String url = s.agentUrl() == null ? "" : s.agentUrl();
        return "#!/bin/sh\n"
                + "# VirtualWire host " + host.id() + " of cloud " + host.cloud() + " (written by the ec2 driver)\n"
                + "set -eu\n"
                + "sysctl -w net.ipv4.ip_forward=1\n"
                + "modprobe vxlan || true\n"
                + "command -v java >/dev/null || (dnf -y install java-17-amazon-corretto-headless || "
                + "(apt-get update && apt-get -y install openjdk-17-jre-headless))\n"
                + "mkdir -p /opt/" + MARKER + "\n"
                + "AGENT_URL='" + url + "'\n"
                + "[ -z \"$AGENT_URL\" ] || curl -fsSL \"$AGENT_URL\" | tar -xz -C /opt/" + MARKER + " --strip-components=1\n"
                + "mkdir -p /opt/" + MARKER + "/etc\n"
                + "cat > /opt/" + MARKER + "/etc/org.virtualwire.agent.cfg <<EOF\n"
                + "host = " + host.id() + "\n"
                + "cloud = " + host.cloud() + "\n"
                + "underlay.address = " + host.underlayAddress() + "\n"
                + (host.gateway() ? "public.address = " + host.publicAddress() + "\n" : "")
                + "zookeeper = " + s.zookeeper() + "\n"
                + "EOF\n"
                + "cat > /etc/systemd/system/" + MARKER + ".service <<EOF\n"
                + "[Unit]\nDescription=VirtualWire host agent\nAfter=network-online.target\n"
                + "[Service]\nExecStart=/opt/" + MARKER + "/bin/karaf server\nRestart=always\n"
                + "[Install]\nWantedBy=multi-user.target\n"
                + "EOF\n"
                + "systemctl daemon-reload\n"
                + "systemctl enable --now " + MARKER + "\n";
    }

    static String base64(Host host, Ec2Settings s) {
        return Base64.getEncoder().encodeToString(script(host, s).getBytes(StandardCharsets.UTF_8));
    }
}
