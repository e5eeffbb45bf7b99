package org.virtualwire.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.virtualwire.api.AgentPass;
import org.virtualwire.api.AgentPassListener;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.WireService;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.httpauth.BasicLogin;

/**
 * {@code GET /virtualwire/metrics} on the appliance's HTTP service (Pax Web, port 8181), through the OSGi HTTP
 * Whiteboard: the Prometheus text format, or OpenMetrics when the scraper asks for it ({@code Accept}). Scrapers log in
 * with HTTP Basic against Karaf's JAAS realm and need the {@code viewer} role (etc/org.virtualwire.metrics.cfg), as
 * Jolokia's readers do. Also the core's {@link AgentPassListener}, for the agent pass histogram.
 * <p>
 * The pattern is exact, so that a page served at {@code /virtualwire/*} leaves this path to this servlet.
 */
@Component(service = {Servlet.class, AgentPassListener.class}, property = {
    "osgi.http.whiteboard.servlet.pattern=" + MetricsServlet.PATH,
    "osgi.http.whiteboard.servlet.name=virtualwire-metrics"})
@Designate(ocd = MetricsConfig.class)
public final class MetricsServlet extends HttpServlet implements AgentPassListener {
    static final String PATH = "/virtualwire/metrics";
    private static final long serialVersionUID = 1L;

    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private final transient ExpositionFormats formats = ExpositionFormats.init();
    private final transient List<GatewayService> gateways = new CopyOnWriteArrayList<>();
    private final transient AgentPassMetrics passes = new AgentPassMetrics(registry);
    private transient BasicLogin login = BasicLogin.jaas(BasicLogin.KARAF);
    private transient String role = "viewer";

    @Reference
    transient WireService wires;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile MigrationService migrations;

    /** For OSGi: the collectors read the services the component's references hold at each scrape. */
    public MetricsServlet() {
        registry.register(new WireMetrics(() -> wires));
        registry.register(new GatewayMetrics(this::gateways));
        registry.register(new MigrationMetrics(() -> migrations));
    }

    @Activate
    void activate(MetricsConfig config) {
        login = BasicLogin.jaas(config.realm());
        role = config.role();
    }

    /** @param gateway a gateway that started forwarding */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addGateway(GatewayService gateway) {
        gateways.add(gateway);
    }

    void removeGateway(GatewayService gateway) {
        gateways.remove(gateway);
    }

    private Collection<GatewayService> gateways() {
        return List.copyOf(gateways);
    }

    /** @return where every metric of this endpoint is collected */
    PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void passed(AgentPass pass) {
        passes.passed(pass);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (login.check(request.getHeader("Authorization"), role)) {
            case UNAUTHENTICATED -> {
                response.setHeader("WWW-Authenticate", login.challenge());
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
            case FORBIDDEN -> response.sendError(HttpServletResponse.SC_FORBIDDEN);
            case ALLOWED -> {
                ExpositionFormatWriter writer = writer(request.getHeader("Accept"));
                response.setContentType(writer.getContentType());
                try (OutputStream out = response.getOutputStream()) {
                    writer.write(out, registry.scrape());
                }
            }
        }
    }

    /** @return the format the scraper accepts: OpenMetrics if it asks, else Prometheus text (never protobuf) */
    ExpositionFormatWriter writer(String accept) {
        ExpositionFormatWriter w = formats.findWriter(accept);
        return w.isAvailable() && !w.getContentType().contains("protobuf") ? w : formats.getPrometheusTextFormatWriter();
    }
}
