/// What a bank CSV column holds, recognized from its header name.
enum BankCSVColumnRole: CaseIterable, Sendable {
    case date, valueDate, amount, debit, credit, debitCreditMark, description, payee, currency, mcc, code
}

/// Header names banks use, in English, German, French, Spanish and Russian, per role and in
/// order of preference (a file with both `Verwendungszweck` and `Buchungstext` gets the first
/// as description; the other is then free to be the booking type). Names are compared after
/// `BankCSVHeaderVocabulary.normalize`: lower-cased, `(EUR)`-style suffixes, `:` and extra
/// spaces removed.
enum BankCSVHeaderVocabulary {
    static let exactNames: [(BankCSVColumnRole, [String])] = [
        (.date, [
            "booking date", "buchungstag", "buchungsdatum", "transaction date", "posting date", "posted date",
            "date", "datum", "date d'opération", "date d'operation", "date de l'opération", "date opération",
            "date operation", "date comptable", "fecha", "fecha operación", "fecha operacion",
            "fecha de operación", "fecha de la operación", "f. operación", "дата", "дата операции",
            "дата проводки", "дата транзакции", "started date", "completed date", "trans. date", "trans date",
        ]),
        (.valueDate, [
            "value date", "valuta", "valutadatum", "wertstellung", "wertstellungsdatum", "date de valeur",
            "fecha valor", "f. valor", "дата валютирования", "дата списания",
        ]),
        (.amount, [
            "amount", "betrag", "montant", "importe", "сумма", "сумма операции", "сумма в валюте счета",
            "сумма платежа", "transaction amount", "umsatz", "gross", "importe operación", "montant de l'opération",
        ]),
        (.debit, [
            "debit", "débit", "debit amount", "debits", "soll", "cargo", "cargos", "расход", "списание",
            "money out", "paid out", "withdrawal", "withdrawals", "withdrawal amount", "ausgang", "belastung",
        ]),
        (.credit, [
            "credit", "crédit", "credit amount", "credits", "haben", "abono", "abonos", "приход", "зачисление",
            "поступление", "money in", "paid in", "deposit", "deposits", "deposit amount", "eingang", "gutschrift",
        ]),
        (.debitCreditMark, [
            "soll/haben", "s/h", "debit/credit", "credit/debit", "dr/cr", "cr/dr", "d/c", "c/d",
            "credit debit indicator", "débit/crédit", "cargo/abono",
        ]),
        (.description, [
            "verwendungszweck", "description", "transaction description", "memo", "details", "narrative",
            "libellé", "libelle", "libellé de l'opération", "libellé opération", "concepto", "descripción",
            "descripcion", "detalle", "назначение платежа", "описание", "описание операции", "reference",
            "particulars", "buchungstext", "item title",
        ]),
        (.payee, [
            "payee", "counterparty", "counter party", "payee name", "merchant", "empfänger", "auftraggeber",
            "auftraggeber / empfänger", "auftraggeber/empfänger", "empfänger/auftraggeber",
            "auftraggeber / begünstigter", "auftraggeber/begünstigter", "begünstigter/zahlungspflichtiger",
            "beguenstigter/zahlungspflichtiger", "zahlungsempfänger", "name zahlungsbeteiligter", "name",
            "bénéficiaire", "beneficiaire", "tiers", "beneficiario", "ordenante", "получатель", "контрагент",
            "плательщик",
        ]),
        (.currency, ["currency", "währung", "waehrung", "devise", "moneda", "divisa", "валюта", "валюта операции", "ccy"]),
        (.mcc, ["mcc", "mcc code", "merchant category code", "код mcc", "category code"]),
        (.code, [
            "type", "transaction type", "buchungstext", "umsatzart", "buchungsart", "type d'opération",
            "type d'operation", "tipo", "tipo de operación", "тип операции",
        ]),
    ]

    /// Stems for names no table lists (`Buchungstag (Datum)` → `buchungstag` is exact, but
    /// `Transaktionsdatum` or `Date of transaction` only contain a stem).
    static let dateStems = ["date", "datum", "fecha", "дата"]
    static let amountStems = ["amount", "betrag", "montant", "importe", "сумма"]
    /// Columns that look like amounts but must never be taken for one.
    static let notAmountStems = ["balance", "saldo", "solde", "остаток", "fee", "gebühr", "frais", "comisión", "комиссия"]
    static let notDateStems = ["valeur", "valuta", "value", "wertstellung", "valor", "валют"]

    /// Header names in English only; any other matched name means decimal commas are likely.
    static let englishAmountNames: Set<String> = [
        "amount", "transaction amount", "gross", "debit", "debit amount", "debits", "credit", "credit amount",
        "credits", "money out", "money in", "paid out", "paid in", "withdrawal", "withdrawals", "withdrawal amount",
        "deposit", "deposits", "deposit amount",
    ]

    /// Lower-cased, trimmed, without a parenthesized suffix such as `(EUR)` or a trailing `:`.
    static func normalize(_ raw: String) -> (name: String, currency: String?) {
        var s = raw.trimmingSpaces
        var currencyHint: String? = nil
        if s.hasSuffix(")"), let open = s.lastIndex(of: "(") {
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)].trimmingSpaces
            currencyHint = BankCSVHeaderVocabulary.currencyCode(inner)
            s = String(s[..<open]).trimmingSpaces
        }
        while s.hasSuffix(":") || s.hasSuffix("*") { s.removeLast() }
        let collapsed = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).joined(separator: " ")
        return (collapsed, currencyHint)
    }

    /// An ISO 4217 code for a currency cell or header hint: `EUR`, `eur`, `€`, `£`, `₽`, `руб`.
    static func currencyCode<S: StringProtocol>(_ text: S) -> String? {
        let t = text.trimmingSpaces
        switch t {
        case "€": return "EUR"
        case "£": return "GBP"
        case "₽", "руб", "руб.", "р.", "RUR": return "RUB"
        case "CHF", "Fr.": return "CHF"
        default: break
        }
        guard t.utf8.count == 3, t.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return nil }
        return t.uppercased()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, NBSPs and line breaks.
    var trimmingSpaces: String {
        // Scalars, not Characters: grapheme breaking made this a hot spot on large statements.
        @inline(__always) func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" || s == "\u{00A0}"
                || s == "\u{85}" || s == "\u{2028}" || s == "\u{2029}"
        }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isSpace(first) && !isSpace(last) { return String(self) }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
              let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
