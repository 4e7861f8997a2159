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

    /// Where a close-up map should centre, when the places spread over more than `spread`
    /// degrees: home, else the place with the most records. Nil when one map shows them all.
    static func closeUpCentre(findings: [Finding], spread: Double = 2) -> Place? {
        let places = places(in: findings)
        guard let south = places.keys.map(\.latitude).min(), let north = places.keys.map(\.latitude).max(),
              let west = places.keys.map(\.longitude).min(), let east = places.keys.map(\.longitude).max(),
              north - south > spread || east - west > spread else { return nil }
        if let home = places.keys.first(where: { $0.category == .home }) { return home }
        return places.max { ($0.value.count, $1.key.latitude) < ($1.value.count, $0.key.latitude) }?.key
    }

    /// The drawing, or nil when no evidence has a position. With `around`, only the places
    /// within `radius` degrees of it, drawn close up.
    static func render(findings: [Finding], outlines: CountryOutlines, t: Localizer,
                       around centre: Place? = nil, radius: Double = 0.3) -> String? {
        var places = places(in: findings)
        if let centre {
            places = places.filter { abs($0.key.latitude - centre.latitude) <= radius && abs($0.key.longitude - centre.longitude) <= radius * 1.6 }
        }
        guard !places.isEmpty else { return nil }
        // The extent: every place with a margin (at least 2° across for the overview, 0.05°
        // close up), widened to the frame's shape.
        var south = places.keys.map(\.latitude).min()!, north = places.keys.map(\.latitude).max()!
        var west = places.keys.map(\.longitude).min()!, east = places.keys.map(\.longitude).max()!
        let minimumPad = centre == nil ? 1.0 : 0.025
        let padLat = max(minimumPad, (north - south) * 0.25), padLon = max(minimumPad, (east - west) * 0.25)
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
        svg += scaleBar(kilometresAcross: spanX * 111.32, t: t)
        return svg + "</svg>"
    }

    /// A bar of a round distance (1, 2, 5 × 10ⁿ km) about a fifth of the frame wide.
    static func scaleBar(kilometresAcross: Double, t: Localizer) -> String {
        guard kilometresAcross.isFinite, kilometresAcross > 0 else { return "" }
        let wanted = kilometresAcross / 5
        var magnitude = 1.0
        while magnitude * 10 <= wanted { magnitude *= 10 }
        while magnitude > wanted, magnitude > 0.001 { magnitude /= 10 }
        let step = [5.0, 2.0, 1.0].map { $0 * magnitude }.first { $0 <= wanted } ?? magnitude
        let pixels = step / kilometresAcross * width
        let x = 16.0, y = height - 16
        let label = step >= 1 ? t.number(Int(step.rounded())) + " km" : t.number(step, fractionDigits: 1) + " km"
        return "<g class=\"scale\"><path d=\"M\(SVG.n(x)) \(SVG.n(y - 5))V\(SVG.n(y))H\(SVG.n(x + pixels))V\(SVG.n(y - 5))\"/>"
            + "<text x=\"\(SVG.n(x + pixels + 6))\" y=\"\(SVG.n(y))\">\(SVG.text(label))</text></g>"
    }
}
