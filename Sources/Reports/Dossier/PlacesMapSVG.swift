import Foundation
import Localization
import StewardCore

/// The places the findings rest on, over country outlines shipped with steward — never map
/// tiles, so drawing the map asks nothing of any server (docs/reports.md, "Map"). Points are
/// rounded before drawing: home and workplace to the 0.005° cells their findings state, every
/// other place to 0.01° (about 1 km); records in one rounded cell become one dot.
enum PlacesMapSVG {
    static let width = 640.0
    static let height = 400.0

    enum Category: String, CaseIterable { case home, work, sensitive, travel, other }

    struct Place: Hashable { var category: Category; var latitude: Double; var longitude: Double }

    static func category(of finding: Finding) -> Category {
        switch finding.attribute {
        case "mobility.home": return .home
        case "mobility.workplace": return .work
        case "mobility.travel_abroad": return .travel
        default: return finding.sensitivity == .special || finding.sensitivity == .criminal || finding.sensitivity == .financial ? .sensitive : .other
        }
    }

    static func precision(of category: Category) -> Double { category == .home || category == .work ? 0.005 : 0.01 }

    static func places(in findings: [Finding]) -> [Place: (count: Int, titles: Set<String>)] {
        var places: [Place: (count: Int, titles: Set<String>)] = [:]
        for finding in findings {
            let category = category(of: finding)
            let step = precision(of: category)
            for evidence in finding.evidence {
                guard let latitude = evidence.latitude, let longitude = evidence.longitude,
                      latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else { continue }
                let place = Place(category: category, latitude: (latitude / step).rounded() * step,
                                  longitude: (longitude / step).rounded() * step)
                var entry = places[place] ?? (0, [])
                entry.count += 1
                entry.titles.insert(finding.title)
                places[place] = entry
            }
        }
        return places
    }

    /// The drawing, or nil when no evidence has a position.
    static func render(findings: [Finding], outlines: CountryOutlines, t: Localizer) -> String? {
        let places = places(in: findings)
        guard !places.isEmpty else { return nil }
        // The extent: every place with a margin, at least 2° across, widened to the frame's shape.
        var south = places.keys.map(\.latitude).min()!, north = places.keys.map(\.latitude).max()!
        var west = places.keys.map(\.longitude).min()!, east = places.keys.map(\.longitude).max()!
        let padLat = max(1.0, (north - south) * 0.25), padLon = max(1.0, (east - west) * 0.25)
        south = max(-85, south - padLat); north = min(85, north + padLat)
        west = max(-180, west - padLon); east = min(180, east + padLon)
        let xScale = cos((south + north) / 2 * .pi / 180)
        var spanX = (east - west) * xScale, spanY = north - south
        if spanX / spanY < width / height {
            let wanted = spanY * width / height / xScale
            let middle = (west + east) / 2
            west = middle - wanted / 2; east = middle + wanted / 2
            spanX = (east - west) * xScale
        } else {
            let wanted = spanX * height / width
            let middle = (south + north) / 2
            south = middle - wanted / 2; north = middle + wanted / 2
            spanY = north - south
        }
        let project = { (longitude: Double, latitude: Double) -> (Double, Double) in
            ((longitude - west) * xScale / spanX * width, (north - latitude) / spanY * height)
        }
        var svg = "<svg class=\"map\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\"\(SVG.text(t("html.map.aria")))\">"
        svg += "<rect width=\"\(SVG.n(width))\" height=\"\(SVG.n(height))\" class=\"sea\"/>"
        for country in outlines.countries {
            var d = ""
            for ring in country.rings {
                let lons = ring.map(\.longitude), lats = ring.map(\.latitude)
                guard lons.max()! >= west - 1, lons.min()! <= east + 1, lats.max()! >= south - 1, lats.min()! <= north + 1 else { continue }
                for (index, point) in ring.enumerated() {
                    let (x, y) = project(point.longitude, point.latitude)
                    d += (index == 0 ? "M" : "L") + SVG.n(x) + " " + SVG.n(y)
                }
                d += "Z"
            }
            if !d.isEmpty { svg += "<path d=\"\(d)\" class=\"land\"><title>\(SVG.text(country.code))</title></path>" }
        }
        // Sensitive places and travel on top of the many ordinary dots; home and work last.
        let order: [Category] = [.other, .travel, .sensitive, .work, .home]
        for category in order {
            for (place, entry) in places.filter({ $0.key.category == category }).sorted(by: { ($0.key.latitude, $0.key.longitude) < ($1.key.latitude, $1.key.longitude) }) {
                let (x, y) = project(place.longitude, place.latitude)
                let radius = category == .home || category == .work ? 7.0 : 4.0
                let digits = category == .home || category == .work ? 3 : 2
                let tip = t("html.map.category.\(category.rawValue)") + " · " + String(format: "%.\(digits)f, %.\(digits)f", place.latitude, place.longitude)
                    + " · " + entry.titles.sorted().joined(separator: ", ") + " · " + t.plural("count.records", entry.count)
                svg += "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"\(SVG.n(radius))\" class=\"place \(category.rawValue)\"><title>\(SVG.text(tip))</title></circle>"
            }
        }
        return svg + "</svg>"
    }
}
