package org.virtualwire.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.TreeSet;

import javax.security.auth.Subject;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.virtualwire.httpauth.BasicLogin;

/**
 * The live topology page, {@code /virtualwire/}: the page and its scripts from this bundle ({@code web/}), behind
 * Karaf's JAAS login, and {@code /virtualwire/session}: who logged in and which operator actions the JMX ACLs
 * allow them. The page reads and changes the network through Jolokia ({@code /jolokia}), never through this servlet.
 * <p>
 * Registered with the OSGi HTTP Whiteboard (Pax Web) on the path prefix {@code /virtualwire/*}: a servlet on an
 * exact path under it ({@code /virtualwire/metrics}) still wins, by the servlet specification's mapping rules.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/virtualwire/*",
    "osgi.http.whiteboard.servlet.name=virtualwire-web"})
public class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "svg", "image/svg+xml", "json", "application/json");

    private final transient BasicLogin login;

    /** For OSGi: Karaf's JAAS realm. */
    public PageServlet() {
        this(BasicLogin.jaas(BasicLogin.KARAF));
    }

    PageServlet(BasicLogin login) {
        this.login = login;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        // the page drags guests between hosts: not inside another site's frame
        response.setHeader("X-Frame-Options", "DENY");
        Subject subject = login.login(request.getHeader("Authorization"));
        if (subject == null) {
            response.setHeader("WWW-Authenticate", login.challenge());
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "log in with a user of etc/users.properties");
            return;
        }
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
        } else if (path.equals("/session")) {
            session(subject, response);
        } else {
            resource(path.equals("/") ? "/index.html" : path, response);
        }
    }

    private void resource(String path, HttpServletResponse response) throws IOException {
        String ext = path.substring(path.lastIndexOf('.') + 1);
        URL url = path.contains("..") || !TYPES.containsKey(ext) ? null : getClass().getResource("/web" + path);
        if (url == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, path);
            return;
        }
        response.setContentType(TYPES.get(ext));
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = url.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    private static void session(Subject subject, HttpServletResponse response) throws IOException {
        TreeSet<String> roles = new TreeSet<>();
        String user = "";
        for (Principal p : subject.getPrincipals()) {
            String type = p.getClass().getSimpleName();
            if (type.equals("UserPrincipal")) {
                user = p.getName();
            } else if (type.equals("RolePrincipal")) {
                roles.add(p.getName());
            }
        }
        StringBuilder json = new StringBuilder("{\"user\":").append(Json.string(user)).append(",\"roles\":[");
        json.append(String.join(",", roles.stream().map(Json::string).toList())).append("],\"may\":{");
        json.append(String.join(",", Permissions.of(subject).entrySet().stream()
                .map(e -> Json.string(e.getKey()) + ":" + e.getValue()).toList())).append("}}");
        response.setContentType(TYPES.get("json"));
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
