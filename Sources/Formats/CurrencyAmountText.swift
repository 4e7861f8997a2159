import StewardCore

/// An amount written with its currency in one cell, as shops and wallets write them:
/// `USD 15.87`, `INR 1,299.00`, `₹99.00`, `€4,99`, `12.00 €`, `£3.50`. The number is read by
/// `Money.parse`; the currency is the ISO code or an unambiguous symbol around it (`$` and `¥`
/// name several currencies and give none).
public enum CurrencyAmountText {
    public static func parse(_ text: String) -> Money? {
        guard var money = Money.parse(Array(text.utf8)) else { return nil }
        money.currency = currency(in: text)
        return money
    }

    /// The currency written before or after the number, nil when none or ambiguous. Direction
    /// marks around right-to-left symbols (`\u{200F}₪`, `د.إ\u{200F}`) are not part of the symbol.
    public static func currency(in text: String) -> String? {
        for (symbol, code) in dottedSymbolCodes where text.contains(symbol) { return code }
        let letters = text.unicodeScalars.split { scalar in
            ("0"..."9").contains(scalar) || scalar == "." || scalar == "," || scalar == " " || scalar == "-"
                || scalar == "+" || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2212}" || scalar == "'"
                || scalar == "(" || scalar == ")" || directionMarks.contains(scalar)
        }
        for piece in letters {
            let word = String(String.UnicodeScalarView(piece))
            if let code = symbolCodes[word] { return code }
            if word.utf8.count == 3, word.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) { return word }
        }
        return nil
    }

    /// Left-to-right, right-to-left and Arabic letter marks, embeddings and isolates.
    static let directionMarks: Set<Unicode.Scalar> = [
        "\u{200E}", "\u{200F}", "\u{061C}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ]

    /// Arabic abbreviations written with a dot, which the split on `.` would cut apart.
    static let dottedSymbolCodes: [(String, String)] = [
        ("د.إ", "AED"), ("ر.س", "SAR"), ("ج.م", "EGP"), ("د.ك", "KWD"), ("ر.ق", "QAR"), ("د.م.", "MAD"),
    ]

    static let symbolCodes: [String: String] = [
        "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY", "₫": "VND", "₱": "PHP",
        "₪": "ILS", "zł": "PLN", "Rs": "INR", "Rs.": "INR", "US$": "USD", "CA$": "CAD", "A$": "AUD",
        "R$": "BRL", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "MX$": "MXN",
    ]
}
