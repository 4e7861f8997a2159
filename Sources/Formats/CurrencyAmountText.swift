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

    /// The currency written before or after the number, nil when none or ambiguous.
    static func currency(in text: String) -> String? {
        let letters = text.unicodeScalars.split { scalar in
            ("0"..."9").contains(scalar) || scalar == "." || scalar == "," || scalar == " " || scalar == "-"
                || scalar == "+" || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2212}" || scalar == "'"
        }
        for piece in letters {
            let word = String(String.UnicodeScalarView(piece))
            if let code = symbolCodes[word] { return code }
            if word.utf8.count == 3, word.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) { return word }
        }
        return nil
    }

    static let symbolCodes: [String: String] = [
        "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY", "₫": "VND", "₱": "PHP",
        "₪": "ILS", "zł": "PLN", "Rs": "INR", "Rs.": "INR", "US$": "USD", "CA$": "CAD", "A$": "AUD",
        "R$": "BRL", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "MX$": "MXN",
    ]
}
