import StewardCore

/// What the HTML dossier draws beyond the scan report itself: each model's whole ladder of
/// tiers, the ways to a better tier, and country outlines for the map. The pipeline builds it
/// from the rules in use (`DossierContextBuilder` in StewardPipeline); reports stay pure
/// functions of their inputs. Without a context the dossier still renders, without ladders,
/// ways out or country outlines.
public struct DossierContext: Sendable {
    public var ladders: [String: ScoreLadder]
    public var waysOut: [String: [WayOut]]
    public var outlines: CountryOutlines

    public init(ladders: [String: ScoreLadder] = [:], waysOut: [String: [WayOut]] = [:],
                outlines: CountryOutlines = CountryOutlines(countries: [])) {
        self.ladders = ladders
        self.waysOut = waysOut
        self.outlines = outlines
    }
}

/// A model's scale and every tier on it, as the model file defines them.
public struct ScoreLadder: Sendable, Hashable {
    public struct Tier: Sendable, Hashable {
        public var name: String
        public var label: String?
        /// The smallest whole-point total inside the tier; nil for the lowest tier and for verdicts.
        public var minimum: Int?
        public var benefits: [String]
        public var consequences: [String]

        public init(name: String, label: String?, minimum: Int?, benefits: [String], consequences: [String]) {
            self.name = name
            self.label = label
            self.minimum = minimum
            self.benefits = benefits
            self.consequences = consequences
        }
    }

    public var minimum: Int?
    public var maximum: Int?
    public var base: Int?
    /// Risk points: the lowest total is the best place to be.
    public var lowerIsBetter: Bool
    /// Highest threshold first, as model files list them.
    public var tiers: [Tier]

    public init(minimum: Int?, maximum: Int?, base: Int?, lowerIsBetter: Bool, tiers: [Tier]) {
        self.minimum = minimum
        self.maximum = maximum
        self.base = base
        self.lowerIsBetter = lowerIsBetter
        self.tiers = tiers
    }
}

/// Removing these attributes' records would move the model to `tier` (total `total`).
public struct WayOut: Sendable, Hashable {
    public var attributes: [String]
    public var records: Int
    public var tier: String
    public var total: Int?
    /// How many tiers better than now (1 = the next one).
    public var tiersGained: Int

    public init(attributes: [String], records: Int, tier: String, total: Int?, tiersGained: Int) {
        self.attributes = attributes
        self.records = records
        self.tier = tier
        self.total = total
        self.tiersGained = tiersGained
    }
}

/// Country outlines for the map: per ISO 3166-1 alpha-2 code, rings of (longitude, latitude)
/// points in degrees (rules/data/country-outlines.tsv).
public struct CountryOutlines: Sendable {
    public struct Country: Sendable {
        public var code: String
        public var rings: [[(longitude: Double, latitude: Double)]]

        public init(code: String, rings: [[(longitude: Double, latitude: Double)]]) {
            self.code = code
            self.rings = rings
        }
    }

    public var countries: [Country]

    public init(countries: [Country]) { self.countries = countries }

    /// Reads the outline table: `CC<TAB>lon,lat lon,lat …;…` in tenths of a degree, `#`
    /// comments. A malformed line is an error naming its line: the file ships with steward.
    public static func parse(_ text: String, file: String) throws(CountryOutlinesError) -> CountryOutlines {
        var countries: [Country] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2, columns[0].count == 2 else {
                throw CountryOutlinesError(file: file, line: index + 1, message: "expected a two-letter code, a tab and rings")
            }
            var rings: [[(longitude: Double, latitude: Double)]] = []
            for ringText in columns[1].split(separator: ";") {
                var ring: [(longitude: Double, latitude: Double)] = []
                for pair in ringText.split(separator: " ") {
                    let parts = pair.split(separator: ",")
                    guard parts.count == 2, let x = Int(parts[0]), let y = Int(parts[1]),
                          (-1800...1800).contains(x), (-900...900).contains(y) else {
                        throw CountryOutlinesError(file: file, line: index + 1, message: "bad point '\(pair)': expected tenths of a degree as lon,lat")
                    }
                    ring.append((Double(x) / 10, Double(y) / 10))
                }
                if ring.count >= 3 { rings.append(ring) }
            }
            countries.append(Country(code: String(columns[0]), rings: rings))
        }
        return CountryOutlines(countries: countries)
    }
}

public struct CountryOutlinesError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}
