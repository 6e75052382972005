import Foundation
import SiteMatchApp
import SiteMatchGeometry

/// A ``ReportMap`` drawn as inline SVG: British National Grid metres scaled into the picture
/// (BNG is a plane, so this is a linear scaling with y flipped, not a projection). A report with it
/// makes no external request and prints as it shows.
public enum SVGMap {
    public static func render(_ map: ReportMap, width: Double = 720, height: Double = 480, caption: String) -> String {
        let e = map.extent
        let scale = min(width / max(e.maxX - e.minX, 1), height / max(e.maxY - e.minY, 1))
        let offsetX = (width - (e.maxX - e.minX) * scale) / 2, offsetY = (height - (e.maxY - e.minY) * scale) / 2
        func point(_ c: Coordinate) -> String {
            HTML.number(offsetX + (c.x - e.minX) * scale, digits: 1) + "," + HTML.number(offsetY + (e.maxY - c.y) * scale, digits: 1)
        }
        func path(_ shape: Shape) -> String {
            switch shape {
            case let .point(c): return "M" + point(c) + "h0.1"
            case let .lineString(cs): return "M" + cs.map(point).joined(separator: "L")
            case let .polygon(rings): return rings.map { "M" + $0.map(point).joined(separator: "L") + "Z" }.joined()
            case let .multiPoint(cs): return cs.map { "M" + point($0) + "h0.1" }.joined()
            case let .multiLineString(lines): return lines.map { "M" + $0.map(point).joined(separator: "L") }.joined()
            case let .multiPolygon(polygons): return polygons.map { $0.map { "M" + $0.map(point).joined(separator: "L") + "Z" }.joined() }.joined()
            case let .geometryCollection(shapes): return shapes.map(path).joined()
            }
        }
        var out = "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(caption))\">"
        out += "<title>\(HTML.escape(caption))</title>"
        out += "<rect class=\"map-background\" x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#f7f7f4\"/>"
        let styles: [ReportMap.Kind: String] = [
            .district: "fill=\"none\" stroke=\"#6a51a3\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"",
            .zone: "fill=\"#dbe9d5\" stroke=\"#7fa36f\" stroke-width=\"1\"",
            .road: "fill=\"none\" stroke=\"#9a9a9a\" stroke-width=\"1.5\"",
            .site: "fill=\"#c9c9c9\" stroke=\"#666\" stroke-width=\"1\"",
            .highlighted: "fill=\"#e66a1f\" stroke=\"#7a2e00\" stroke-width=\"1.5\"",
        ]
        for kind in ReportMap.Kind.allCases {
            for feature in map.features where feature.kind == kind {
                out += "<path class=\"\(kind.rawValue)\" data-id=\"\(HTML.escape(feature.id))\" \(styles[kind]!) d=\"\(path(feature.shape))\"><title>\(HTML.escape(feature.label))</title></path>"
            }
        }
        for feature in map.features where feature.kind == .highlighted {
            guard let marker = feature.marker, let box = feature.shape.envelope else { continue }
            let at = point(Coordinate(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)).split(separator: ",")
            out += "<text x=\"\(at[0])\" y=\"\(at[1])\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\" dy=\"-8\" fill=\"#222\">\(HTML.escape(marker))</text>"
        }
        // A scale bar: the largest of 1, 2, 5, 10, 20 km that fits a quarter of the width.
        let kilometres = [1.0, 2, 5, 10, 20, 50].last { $0 * 1000 * scale <= width / 4 } ?? 1
        let bar = kilometres * 1000 * scale
        out += "<g class=\"scale\"><rect x=\"12\" y=\"\(Int(height) - 22)\" width=\"\(HTML.number(bar))\" height=\"5\" fill=\"#333\"/>"
        out += "<text x=\"12\" y=\"\(Int(height) - 28)\" font-size=\"12\" fill=\"#333\">\(HTML.number(kilometres, digits: 0)) km</text></g>"
        out += "</svg>"
        return out
    }
}
