/// What a bank CSV column holds, recognized from its header name.
enum BankCSVColumnRole: CaseIterable, Sendable {
    case date, valueDate, amount, debit, credit, debitCreditMark, description, payee, currency, mcc, code
    /// Time of day in its own column (PayPal `Time`), and the zone it is in (`TimeZone`: `PDT`).
    case time, timeZone
    /// A fee beside the amount (Revolut: deducted on top of `Amount`); a net amount (PayPal
    /// `Net` = `Gross` + `Fee`) that is what actually moved.
    case fee, net
    /// The transaction's state (`COMPLETED`, `PENDING`, `DECLINED`, `REVERTED`, `FAILED`).
    case state
    /// The account a split row books to (GnuCash's full layout `Full Account Name`,
    /// `Assets:Current Assets:Checking`): the file lists every leg of each transaction.
    case account

    /// Dense index for per-row lookups (hashing the role per field showed in profiles).
    var slot: Int {
        switch self {
        case .date: return 0
        case .valueDate: return 1
        case .amount: return 2
        case .debit: return 3
        case .credit: return 4
        case .debitCreditMark: return 5
        case .description: return 6
        case .payee: return 7
        case .currency: return 8
        case .mcc: return 9
        case .code: return 10
        case .time: return 11
        case .timeZone: return 12
        case .fee: return 13
        case .net: return 14
        case .state: return 15
        case .account: return 16
        }
    }
}

/// Header names banks use, in English, German, French, Spanish and Russian, per role and in
/// order of preference (a file with both `Verwendungszweck` and `Buchungstext` gets the first
/// as description; the other is then free to be the booking type). Names are compared after
/// `BankCSVHeaderVocabulary.normalize`: lower-cased, `(EUR)`-style suffixes, `:` and extra
/// spaces removed.
enum BankCSVHeaderVocabulary {
    // Payees: N26 writes `Partner Name`; bunq writes the counterparty's IBAN as `Counterparty`
    // and its name as `Name`, so `name` ranks above `counterparty` and the shop is the payee.
    static let exactNames: [(BankCSVColumnRole, [String])] = [
        (.date, [
            "交易时间", "交易日期", "记账日期", "日期", "booking date", "buchungstag", "buchungsdatum", "transaction date", "posting date", "posted date",
            "date", "datum", "date d'opération", "date d'operation", "date de l'opération", "date opération",
            "date operation", "date comptable", "fecha", "fecha operación", "fecha operacion",
            "fecha de operación", "fecha de la operación", "f. operación", "дата", "дата операции",
            "дата проводки", "дата транзакции", "started date", "completed date", "trans. date", "trans date",
        ]),
        (.valueDate, [
            "value date", "valuta", "valutadatum", "wertstellung", "wertstellungsdatum", "date de valeur",
            "fecha valor", "f. valor", "дата валютирования", "дата списания",
            // bunq names the value date `Interest Date`.
            "interest date",
        ]),
        (.amount, [
            "amount", "betrag", "montant", "importe", "сумма", "сумма операции", "сумма в валюте счета",
            "сумма платежа", "transaction amount", "umsatz", "gross", "importe operación", "montant de l'opération",
            "金额", "交易金额", "发生额",
            // GnuCash's transaction export writes the bare number beside `Amount With Sym`
            // (`Amount Num` without the dot in older versions and GnuCash for Android).
            "amount num.", "amount num",
        ]),
        (.debit, [
            "debit", "débit", "debit amount", "debits", "soll", "cargo", "cargos", "расход", "списание",
            "money out", "paid out", "withdrawal", "withdrawals", "withdrawal amount", "ausgang", "belastung",
            // Budgeting apps (YNAB 4 and current YNAB) write each transaction's money as
            // `Outflow` and `Inflow`, with the currency symbol in the cell (`€25.00`).
            "outflow",
        ]),
        (.credit, [
            "credit", "crédit", "credit amount", "credits", "haben", "abono", "abonos", "приход", "зачисление",
            "поступление", "money in", "paid in", "deposit", "deposits", "deposit amount", "eingang", "gutschrift",
            "inflow",
        ]),
        (.debitCreditMark, [
            "soll/haben", "s/h", "debit/credit", "credit/debit", "dr/cr", "cr/dr", "d/c", "c/d",
            "credit debit indicator", "débit/crédit", "cargo/abono", "收/支", "收支", "借贷标志", "借/贷",
            "дебет/кредит", "приход/расход", "sign", "vorzeichen",
        ]),
        (.description, [
            "verwendungszweck", "description", "transaction description", "memo", "details", "narrative",
            "libellé", "libelle", "libellé de l'opération", "libellé opération", "concepto", "descripción",
            "descripcion", "detalle", "назначение платежа", "описание", "описание операции", "reference",
            "particulars", "buchungstext", "item title", "商品说明", "商品名称", "商品", "摘要", "备注", "用途",
            // N26 `Payment Reference`; Actual, Money Manager Ex and Firefly III `Notes`.
            "payment reference", "notes",
        ]),
        (.payee, [
            "payee", "partner name", "name", "counterparty", "counter party", "payee name", "merchant", "empfänger", "auftraggeber",
            "auftraggeber / empfänger", "auftraggeber/empfänger", "empfänger/auftraggeber",
            "auftraggeber / begünstigter", "auftraggeber/begünstigter", "begünstigter/zahlungspflichtiger",
            "beguenstigter/zahlungspflichtiger", "zahlungsempfänger", "name zahlungsbeteiligter",
            "bénéficiaire", "beneficiaire", "tiers", "beneficiario", "ordenante", "получатель", "контрагент",
            "плательщик", "交易对方", "对方户名", "对方名称",
        ]),
        (.currency, ["currency", "currency_code", "commodity/currency", "währung", "waehrung", "devise", "moneda", "divisa", "валюта", "валюта операции", "ccy", "币种"]),
        (.mcc, ["mcc", "mcc code", "merchant category code", "код mcc", "category code"]),
        (.code, [
            "type", "transaction type", "buchungstext", "umsatzart", "buchungsart", "type d'opération",
            "type d'operation", "tipo", "tipo de operación", "тип операции", "交易类型", "交易分类", "категория",
        ]),
        (.time, ["time", "uhrzeit", "heure", "hora", "время", "time of day"]),
        (.timeZone, ["timezone", "time zone", "zeitzone", "fuseau horaire"]),
        (.fee, ["fee", "fees", "gebühr", "gebühren", "frais", "comisión", "комиссия", "手续费"]),
        (.net, ["net", "net amount", "netto"]),
        (.state, ["state", "status", "статус", "состояние", "交易状态", "当前状态", "estado"]),
        (.account, ["full account name"]),
    ]

    /// Stems for names no table lists (`Buchungstag (Datum)` → `buchungstag` is exact, but
    /// `Transaktionsdatum` or `Date of transaction` only contain a stem).
    static let dateStems = ["date", "datum", "fecha", "дата"]
    static let amountStems = ["amount", "betrag", "montant", "importe", "сумма"]
    /// Columns that look like amounts but must never be taken for one.
    static let notAmountStems = ["balance", "saldo", "solde", "остаток", "fee", "gebühr", "frais", "comisión", "комиссия"]
    static let notDateStems = ["valeur", "valuta", "value", "wertstellung", "valor", "валют"]

    /// Header names in English only; any other matched name means decimal commas are likely.
    /// English names of date columns: any other date header is in another language.
    static let englishDateNames: Set<String> = [
        "booking date", "transaction date", "posting date", "posted date", "date", "started date", "completed date",
        "trans. date", "trans date", "value date",
    ]

    /// Column names only British banks use (Lloyds, Nationwide, Monzo, Starling, HSBC UK).
    static let britishNames: Set<String> = ["paid out", "paid in", "money out", "money in", "sort code"]

    /// Column names only US banks use (Chase `Check or Slip #`, Bank of America `Running Bal.`).
    static let americanNames: Set<String> = ["check or slip #", "running bal.", "check number", "check #"]

    static let englishAmountNames: Set<String> = [
        "amount", "transaction amount", "gross", "debit", "debit amount", "debits", "credit", "credit amount",
        "credits", "money out", "money in", "paid out", "paid in", "withdrawal", "withdrawals", "withdrawal amount",
        "deposit", "deposits", "deposit amount", "outflow", "inflow",
    ]

    /// Lower-cased, trimmed, without a parenthesized suffix such as `(EUR)` or a trailing `:`.
    static func normalize(_ raw: String) -> (name: String, currency: String?) {
        var s = raw.trimmingSpaces
        var currencyHint: String? = nil
        // ASCII or full-width parentheses (Chinese exports write `金额（元）`).
        if s.hasSuffix(")") || s.hasSuffix("）"), let open = s.lastIndex(where: { $0 == "(" || $0 == "（" }) {
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
        case "元", "人民币", "RMB": return "CNY"
        case "CHF", "Fr.": return "CHF"
        default: break
        }
        // GnuCash names a transaction's currency `CURRENCY::EUR`.
        if t.hasPrefix("CURRENCY::") { return currencyCode(t.dropFirst(10)) }
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
