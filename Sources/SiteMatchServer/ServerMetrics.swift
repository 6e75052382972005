import Metrics
import Prometheus

/// The process's metrics, bootstrapped once (swift-metrics allows one bootstrap per process, so the
/// server and the tests share this): Hummingbird's request counter and latency histogram by route,
/// method and status, and the enquiries logged, in Prometheus's text format at `GET /metrics`.
public final class ServerMetrics: Sendable {
    public static let shared = ServerMetrics()

    let registry: PrometheusCollectorRegistry
    /// `sitematch_enquiries_logged_total`.
    let enquiriesLogged: Metrics.Counter

    private init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Prometheus names allow [a-zA-Z0-9_:]; Hummingbird's labels use dots ("hb.requests").
        factory.nameAndLabelSanitizer = { name, dimensions in
            (Self.sanitized(name), dimensions.map { (Self.sanitized($0.0), $0.1) })
        }
        // Latency buckets from 1 ms to 10 s, fine enough to read a 20 ms p99 target.
        factory.defaultDurationHistogramBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000].map { .milliseconds($0) }
        MetricsSystem.bootstrap(factory)
        enquiriesLogged = Metrics.Counter(label: "sitematch_enquiries_logged_total")
    }

    static func sanitized(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }

    /// The Prometheus text exposition.
    public func text() -> String {
        registry.emitToString()
    }
}
