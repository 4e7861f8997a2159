/// A finding's value as data rather than as an English sentence, so that every report can say it
/// in its own language (docs/i18n.md, "Values of findings"). An analyzer states what it measured
/// as parts — a catalog key and its arguments — and the reports put each part into words:
///
/// ```swift
/// FindingValuePart("value.late_bills", ["count": .integer(3)])   // "3 late bills", "3 verspätete Rechnungen"
/// ```
///
/// The parts of a value are read one after another, joined by the language's separator.
/// `Finding.value` keeps the English text for readers of the JSON report that know no keys.
public struct FindingValuePart: Sendable, Equatable, Codable {
    /// The catalog key, `value.…` (Sources/Localization/Catalog/*.yaml).
    public var key: String
    /// What fills the key's `{name}` placeholders. A key with plural forms takes its form from
    /// the argument named `count`.
    public var arguments: [String: FindingValueArgument]

    public init(_ key: String, _ arguments: [String: FindingValueArgument] = [:]) {
        self.key = key
        self.arguments = arguments
    }
}

/// One argument of a value's part, typed so that each language writes it its own way.
public indirect enum FindingValueArgument: Sendable, Equatable, Codable {
    /// A count, written with the language's digit grouping (`9,532`, `9.532`, `9 532`).
    case integer(Int)
    /// A measured amount with a fixed number of decimals (`3.5 km`, `3,5 km`).
    case decimal(Double, fractionDigits: Int)
    /// Text that is the same in every language: a coordinate pair, a country or currency code.
    case text(String)
    /// A unit named by the rules (`steps`): translated by the catalog key `unit.<name>` when
    /// there is one, else written as the rules name it.
    case unit(String)
    /// Parts written one after another with the language's list separator (`FR (12), ES (3)`).
    case list([FindingValuePart])

    private enum CodingKeys: String, CodingKey { case integer, decimal, fractionDigits, text, unit, list }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let value = try c.decodeIfPresent(Int.self, forKey: .integer) {
            self = .integer(value)
        } else if c.contains(.decimal) {
            // A measurement that was not a finite number is written as null (JSON has no NaN).
            let value = try c.decodeIfPresent(Double.self, forKey: .decimal) ?? .nan
            self = .decimal(value, fractionDigits: try c.decodeIfPresent(Int.self, forKey: .fractionDigits) ?? 0)
        } else if let value = try c.decodeIfPresent(String.self, forKey: .text) {
            self = .text(value)
        } else if let value = try c.decodeIfPresent(String.self, forKey: .unit) {
            self = .unit(value)
        } else if let value = try c.decodeIfPresent([FindingValuePart].self, forKey: .list) {
            self = .list(value)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                                                    debugDescription: "a value argument needs integer, decimal, text, unit or list"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .integer(let value): try c.encode(value, forKey: .integer)
        case .decimal(let value, let digits):
            if value.isFinite { try c.encode(value, forKey: .decimal) } else { try c.encodeNil(forKey: .decimal) }
            try c.encode(digits, forKey: .fractionDigits)
        case .text(let value): try c.encode(value, forKey: .text)
        case .unit(let value): try c.encode(value, forKey: .unit)
        case .list(let value): try c.encode(value, forKey: .list)
        }
    }
}
