import Foundation
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry
import SiteMatchMatching

/// Builds map layers (RFC 7946 GeoJSON via ``GeoJSONWriter``) from a matching run: every site with
/// its score for each archetype, styled with the simplestyle-spec keys QGIS, geojson.io and Leaflet
/// plugins read, and a `sitematch` foreign member recording how the map was made.
public enum MapExport {
    /// Fill colours by best score (ColorBrewer RdYlGn): ≥ 80, ≥ 70, ≥ 60, below.
    public static func colour(forScore score: Double) -> String {
        switch score {
        case 80...: return "#1a9850"
        case 70..<80: return "#91cf60"
        case 60..<70: return "#fee08b"
        default: return "#d73027"
        }
    }

    /// The site layer. `scores` are ranked scores per archetype id (from ``Scorer/scoreAll``).
    /// `stability` (site → archetype → stability), where given, adds the best archetype's rank
    /// stability: `best_p_rank1`, `best_rank_5_95` and `best_stability`.
    public static func sites(session: MatchingSession, scores: [String: [SiteScore]], priorWeight: Double, runRecord: RunRecord,
                             stability: [String: [String: SiteStability]] = [:]) -> FeatureCollection {
        var bySite: [String: [String: SiteScore]] = [:]
        for (archetype, list) in scores { for s in list { bySite[s.siteID, default: [:]][archetype] = s } }
        let archetypes = session.catalogue.archetypes
        let features = session.portfolio.sites.map { site -> Feature in
            let mine = bySite[site.id] ?? [:]
            let best = archetypes.compactMap { a in mine[a.id].map { (a, $0) } }
                .max { $0.1.score != $1.1.score ? $0.1.score < $1.1.score : $0.0.id > $1.0.id }
            var properties: [String: JSONValue] = [
                "id": .string(site.id), "name": .string(site.name), "location_type": .string(site.locationType),
                "district": .string(site.district), "status": site.status.map { .string($0) } ?? .null,
                "area_ha": site.areaHectares.map { .number($0) } ?? .null, "geometry_quality": .string(site.geometryQuality),
                "best_archetype": best.map { .string($0.0.id) } ?? .null,
                "best_archetype_name": best.map { .string($0.0.name) } ?? .null,
                "best_score": best.map { .number(rounded($0.1.score)) } ?? .null,
                "title": .string(site.name),
                "description": .string(best.map { "Best fit: \($0.0.name), \(String(format: "%.1f", $0.1.score))/100 (\($0.1.reason)). Geometry \(site.geometryQuality); drive times modelled." } ?? "Not scored"),
                "fill": .string(colour(forScore: best?.1.score ?? 0)),
                "fill-opacity": .number(0.6),
                "stroke": .string("#333333"),
                "stroke-width": .number(1),
            ]
            for a in archetypes { properties["score_\(a.id)"] = mine[a.id].map { .number(rounded($0.score)) } ?? .null }
            if let best, let s = stability[site.id]?[best.0.id] {
                properties["best_p_rank1"] = .number(rounded(s.pRank1))
                properties["best_rank_5_95"] = .string("\(s.rank5)-\(s.rank95)")
                properties["best_stability"] = .string(s.word)
            }
            return Feature(geometry: site.geometry, properties: properties)
        }
        return FeatureCollection(features: features, crs: .britishNationalGrid, crsReason: "", foreignMembers: ["sitematch": runRecord.json(catalogue: session.catalogue)])
    }

    /// Each asset category's colour: the GeoJSON's simplestyle `marker-color` and the QGIS style's.
    public static let assetColours = ["university": "#6a3d9a", "research_centre": "#6a3d9a", "testing_facility": "#6a3d9a", "medical_school": "#e31a1c",
                                      "acute_hospital": "#e31a1c", "college": "#cab2d6", "rail_station": "#1f78b4", "motorway_junction": "#ff7f00",
                                      "road_junction": "#fdbf6f", "rail_freight_terminal": "#1f78b4", "airport": "#1f78b4", "energy_asset": "#33a02c"]

    /// A QGIS style (QML) for the assets layer: points categorised by `category` in ``assetColours``.
    public static let assetsQML = categorisedPointsQML(attribute: "category", colours: assetColours)

    /// Each substation type's colour (ColorBrewer Set1): the GeoJSON's `marker-color` and the QGIS style's.
    public static let substationColours = ["primary": "#4daf4a", "bulk_supply_point": "#377eb8", "grid_supply_point": "#e41a1c", "switching_132kv": "#984ea3"]

    /// A QGIS style (QML) for the substations layer: points categorised by `substation_type`.
    public static let substationsQML = categorisedPointsQML(attribute: "substation_type", colours: substationColours)

    /// A QGIS style (QML) for the corridors: one dark orange line, 0.8 mm.
    public static let corridorsQML = qml(renderer: "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">", symbols: """
              <symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
                <layer class="SimpleLine" enabled="1" pass="0" locked="0">
                  <Option type="Map">
                    <Option name="line_color" type="QString" value="217,95,2,255"/>
                    <Option name="line_style" type="QString" value="solid"/>
                    <Option name="line_width" type="QString" value="0.8"/>
                  </Option>
                </layer>
              </symbol>

        """)

    /// Points categorised by `attribute`, one circle marker per value in `colours` (values sorted).
    static func categorisedPointsQML(attribute: String, colours: [String: String]) -> String {
        func rgb(_ hex: String) -> String {
            let v = Int(hex.dropFirst(), radix: 16) ?? 0x777777
            return "\((v >> 16) & 255),\((v >> 8) & 255),\(v & 255)"
        }
        var categories = "", symbols = ""
        for (i, value) in colours.keys.sorted().enumerated() {
            categories += "      <category value=\"\(value)\" symbol=\"\(i)\" label=\"\(value.replacingOccurrences(of: "_", with: " "))\" render=\"true\"/>\n"
            symbols += """
                  <symbol type="marker" name="\(i)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="SimpleMarker" enabled="1" pass="0" locked="0">
                      <Option type="Map">
                        <Option name="color" type="QString" value="\(rgb(colours[value]!)),255"/>
                        <Option name="name" type="QString" value="circle"/>
                        <Option name="outline_color" type="QString" value="35,35,35,255"/>
                        <Option name="size" type="QString" value="2.6"/>
                      </Option>
                    </layer>
                  </symbol>

            """
        }
        return qml(renderer: "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(attribute)\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <categories>\n\(categories)    </categories>",
                   symbols: symbols)
    }

    /// A QGIS style (QML) for the isochrones: outlines graduated by `minutes` (darker is nearer).
    public static let isochronesQML: String = {
        let classes: [(lower: Double, upper: Double, rgb: String)] = [(0, 30, "8,81,156"), (30, 45, "49,130,189"), (45, 600, "158,202,225")]
        var ranges = "", symbols = ""
        for (i, c) in classes.enumerated() {
            ranges += "      <range lower=\"\(c.lower)\" upper=\"\(c.upper)\" symbol=\"\(i)\" label=\"\(Int(c.lower))–\(Int(c.upper)) min (modelled)\" render=\"true\"/>\n"
            symbols += fillSymbol(i, alpha: "1", color: "\(c.rgb),40", outline: "\(c.rgb),255", width: "0.4")
        }
        return qml(renderer: "<renderer-v2 type=\"graduatedSymbol\" attr=\"minutes\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n    <ranges>\n\(ranges)    </ranges>",
                   symbols: symbols)
    }()

    /// One QML fill symbol (`name` = its class index): colours as "r,g,b,a", outline width in mm.
    static func fillSymbol(_ index: Int, alpha: String, color: String, outline: String, width: String) -> String {
        """
              <symbol type="fill" name="\(index)" alpha="\(alpha)" clip_to_extent="1" force_rhr="0">
                <layer class="SimpleFill" enabled="1" pass="0" locked="0">
                  <Option type="Map">
                    <Option name="color" type="QString" value="\(color)"/>
                    <Option name="outline_color" type="QString" value="\(outline)"/>
                    <Option name="outline_width" type="QString" value="\(width)"/>
                    <Option name="style" type="QString" value="solid"/>
                  </Option>
                </layer>
              </symbol>

        """
    }

    /// A QML document: `renderer` (its opening tag and classes), the symbols, no labels.
    static func qml(renderer: String, symbols: String) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.28.0" styleCategories="Symbology">
          \(renderer)
            <symbols>
        \(symbols)    </symbols>
          </renderer-v2>
        </qgis>

        """
    }

    /// The assets layer, styled as points.
    public static func assets(session: MatchingSession) -> FeatureCollection {
        let features = session.portfolio.assets.map { asset in
            Feature(geometry: .point(asset.location), properties: [
                "id": .string(asset.id), "name": .string(asset.name), "category": .string(asset.category),
                "title": .string(asset.name), "description": .string(asset.category.replacingOccurrences(of: "_", with: " ")),
                "marker-color": .string(assetColours[asset.category] ?? "#777777"), "marker-size": .string("small"),
            ])
        }
        return FeatureCollection(features: features, crs: .britishNationalGrid)
    }

    /// The network operator's substations (NGED open data): locations only, no capacity.
    public static func substations(session: MatchingSession) -> FeatureCollection {
        let features = session.portfolio.substations.map { s in
            Feature(geometry: .point(s.location), properties: [
                "id": .string(s.id), "name": .string(s.name), "substation_type": .string(s.type),
                "voltage_kv": s.voltageKV.map { .number($0) } ?? .null, "source": .string("NGED open data: locations only, no capacity"),
                "title": .string(s.name), "description": .string(s.typeDescription),
                "marker-color": .string(substationColours[s.type] ?? "#777777"), "marker-size": .string("small"),
            ])
        }
        return FeatureCollection(features: features, crs: .britishNationalGrid)
    }

    /// The strategic road corridors: straight lines through their junction points (indicative).
    public static func corridors(session: MatchingSession) -> FeatureCollection {
        let features = session.portfolio.corridors.map { c in
            Feature(geometry: c.geometry, properties: [
                "id": .string(c.id), "name": .string(c.name), "road": .string(c.road), "geometry_quality": .string(c.geometryQuality),
                "source": .string(c.source), "title": .string(c.name), "stroke": .string("#d95f02"), "stroke-width": .number(3),
            ])
        }
        return FeatureCollection(features: features, crs: .britishNationalGrid)
    }

    /// The portfolio's own context for a map with no tile server: district boundaries (where the data
    /// has them), zones and the modelled road network's links (straight lines between junctions,
    /// labelled so — they are not road alignments).
    /// District outlines are simplified (GEOS, topology-preserving, 50 m) for display: the boundaries
    /// are generalised to about 100–200 m already, and the page loads a tenth of the vertices.
    public static func context(session: MatchingSession, context: GEOSContext) throws -> FeatureCollection {
        // Districts within 20 km of a site's envelope: enough to read the map, not all 83 (a page's weight).
        let boxes = session.portfolio.sites.compactMap { $0.geometry.envelope?.expanded(by: 20_000) }
        let near = session.portfolio.districts.filter { district in
            guard let e = district.geometry.envelope else { return false }
            return boxes.contains { $0.intersects(e) }
        }
        var features = try near.map { district in
            Feature(geometry: try Geometry(district.geometry, context: context).simplify(tolerance: 50).shape, properties: [
                "kind": .string("district"), "id": .string(district.id), "name": .string(district.name),
            ])
        }
        features += session.portfolio.zones.map { zone in
            Feature(geometry: zone.geometry, properties: [
                "kind": .string("zone"), "id": .string(zone.id), "name": .string(zone.name), "zone_type": .string(zone.zoneType),
                "source": .string(zone.source),
            ])
        }
        for edge in session.portfolio.edges where edge.line.count >= 2 {
            features.append(Feature(geometry: .lineString(edge.line), properties: [
                "kind": .string("road"), "id": .string(edge.id), "name": .string(edge.road), "road_class": .string(edge.roadClass),
                "note": .string("modelled network link: a straight line between junctions, not the road's alignment"),
            ]))
        }
        return FeatureCollection(features: features, crs: .britishNationalGrid)
    }

    /// A QGIS style (QML) for the site layer: fill graduated on best_score with the same four classes
    /// and colours as the GeoJSON's simplestyle `fill`, written into a GeoPackage's `layer_styles` so
    /// QGIS opens the layer styled.
    public static let sitesQML: String = {
        let classes: [(lower: Double, upper: Double, rgb: String, label: String)] = [
            (0, 60, "215,48,39", "below 60"), (60, 70, "254,224,139", "60 to 70"), (70, 80, "145,207,96", "70 to 80"), (80, 100, "26,152,80", "80 and above"),
        ]
        var ranges = "", symbols = ""
        for (i, c) in classes.enumerated() {
            ranges += "      <range lower=\"\(c.lower)\" upper=\"\(c.upper)\" symbol=\"\(i)\" label=\"best score \(c.label)\" render=\"true\"/>\n"
            symbols += fillSymbol(i, alpha: "0.6", color: "\(c.rgb),255", outline: "51,51,51,255", width: "0.26")
        }
        return """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.28.0" styleCategories="Symbology|Labeling">
          <renderer-v2 type="graduatedSymbol" attr="best_score" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">
            <ranges>
        \(ranges)    </ranges>
            <symbols>
        \(symbols)    </symbols>
          </renderer-v2>
          <labeling type="simple">
            <settings calloutType="simple">
              <text-style fieldName="name" fontSize="8" textColor="50,50,50,255"/>
            </settings>
          </labeling>
        </qgis>

        """
    }()

    /// Isochrones of every site for the budgets (modelled), styled as outlines.
    public static func isochrones(session: MatchingSession, budgets: [Double], context: GEOSContext) throws -> FeatureCollection {
        let names = Dictionary(uniqueKeysWithValues: session.portfolio.sites.map { ($0.id, $0.name) })
        let isochrones = try IsochroneBuilder.isochrones(sites: session.portfolio.sites, budgets: budgets, model: session.model, context: context)
        let written = try IsochroneBuilder.nestedWGS84(isochrones, context: context)
        let features = zip(isochrones, written).map { iso, area in
            Feature(geometry: area, properties: [
                "site_id": .string(iso.siteID), "minutes": .number(iso.minutes), "profile": .string(iso.profile), "source": .string(iso.source),
                "title": .string("\(names[iso.siteID] ?? iso.siteID): \(Int(iso.minutes)) min by \(iso.profile) (modelled)"),
                "fill-opacity": .number(0), "stroke": .string(iso.minutes <= 30 ? "#2c7fb8" : "#7fcdbb"), "stroke-width": .number(1),
            ])
        }
        return FeatureCollection(features: features, crs: .wgs84)
    }

    /// How the map was made, as the caller (the app layer) knows it from the data's own provenance.
    public struct RunRecord: Hashable, Sendable {
        public var version: String
        /// ISO 8601 time of the run.
        public var generated: String
        public var priorWeight: Double
        public var catalogue: String
        public var dataSources: [String]
        public var travelTimes: String

        public init(version: String, generated: String, priorWeight: Double, catalogue: String, dataSources: [String], travelTimes: String) {
            self.version = version
            self.generated = generated
            self.priorWeight = priorWeight
            self.catalogue = catalogue
            self.dataSources = dataSources
            self.travelTimes = travelTimes
        }

        /// The `sitematch` member: the record plus the catalogue's weights and unknown value.
        func json(catalogue weights: Catalogue) -> JSONValue {
            .object([
                "version": .string(version),
                "generated": .string(generated),
                "prior_weight": .number(priorWeight),
                "unknown_indicator_value": .number(weights.unknownValue),
                "weights": .object(weights.weights.mapValues { JSONValue.object($0.mapValues { .number($0) }) }),
                "catalogue": .string(catalogue),
                "data_sources": .array(dataSources.map { .string($0) }),
                "travel_times": .string(travelTimes),
                "score_scale": .string("0-100: (1 - prior_weight) x weighted driver values + prior_weight x location-type prior (best 1, unknown 0.5, least 0)"),
            ])
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
