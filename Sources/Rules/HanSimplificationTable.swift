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
        for (from, to) in mainlandForms { table[Int(from.value - firstScalar)] = UInt16(to.value) }
        return table
    }()

    /// Where ICU's simplified form is not the one mainland text writes. ICU turns 諮 into 谘,
    /// but the mainland writes 咨 (咨询, 心理咨询: the 2013 standard list keeps 咨 alone), so a
    /// Taiwanese 心理諮詢 missed every 咨询 term (stop 50); 谘 itself folds to 咨 too.
    static let mainlandForms: [(Unicode.Scalar, Unicode.Scalar)] = [("諮", "咨"), ("谘", "咨")]
}
