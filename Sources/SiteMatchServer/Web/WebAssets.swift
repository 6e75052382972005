import SiteMatchReports

/// The page's own files (embedded in the binary: no build step, nothing to install) by name under /static/.
enum WebAssets {
    static let files: [String: (bytes: [UInt8], contentType: String)] = [
        "sitematch.js": (PackageResources.sitematch_js, "text/javascript; charset=utf-8"),
        "enquiry.js": (PackageResources.enquiry_js, "text/javascript; charset=utf-8"),
        "site.js": (PackageResources.site_js, "text/javascript; charset=utf-8"),
        "sitematch.css": (PackageResources.sitematch_css, "text/css; charset=utf-8"),
        "report.css": (Array((ReportStyle.stylesheet + "\n").utf8), "text/css; charset=utf-8"),
    ]
}
