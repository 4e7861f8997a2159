/// Traditional Chinese characters and the simplified character `TextFolder` writes for each, so
/// that a term written in simplified characters also matches text written in traditional ones
/// (Taiwan, Hong Kong, Macau) and the reverse (docs/rules.md, "Lexicons and text folding"). The
/// pairs are generated (Sources/Rules/HanSimplification.swift, from ICU's Hant-Hans transform by
/// scripts/generate-han-simplification.swift); this is the lookup table built from them.
enum HanSimplification {
    static let firstScalar: UInt32 = 0x3400
    static let lastScalar: UInt32 = 0x9FFF

    /// `simplified[scalar - firstScalar]` is the simplified form of `scalar`, or 0 when it has none.
    static let simplified: [UInt16] = {
        var table = [UInt16](repeating: 0, count: Int(lastScalar - firstScalar) + 1)
        var traditional: UInt32?
        for scalar in pairs.unicodeScalars where scalar != "\n" {
            if let from = traditional {
                table[Int(from - firstScalar)] = UInt16(scalar.value)
                traditional = nil
            } else {
                traditional = scalar.value
            }
        }
        return table
    }()
}
