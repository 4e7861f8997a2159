/// How records of one language's country look: the currency and clock of the export and the
/// words a bank statement puts before a payee. The prefixes are how the statements of large
/// banks in each country begin a line (card payment, direct debit, transfer); they carry no
/// attribute, so a case must be recognised from its own words.
struct EvaluationLocale: Sendable {
    var language: String
    var currency: String
    /// Scale of typical amounts in this currency relative to euros (roubles and yuan are smaller units).
    var amountFactor: Int64
    var utcOffsetSeconds: Int32
    /// Booking-text prefixes of card payments, direct debits and transfers.
    var debitPrefixes: [String]
    /// Booking-text prefixes of incoming money.
    var creditPrefixes: [String]

    static let all: [String: EvaluationLocale] = [
        "en": EvaluationLocale(language: "en", currency: "GBP", amountFactor: 1, utcOffsetSeconds: 0,
                               debitPrefixes: ["CARD PAYMENT TO ", "DIRECT DEBIT ", "DEBIT CARD ", "", "CONTACTLESS "],
                               creditPrefixes: ["BANK GIRO CREDIT ", "FASTER PAYMENT ", ""]),
        "de": EvaluationLocale(language: "de", currency: "EUR", amountFactor: 1, utcOffsetSeconds: 3600,
                               debitPrefixes: ["Kartenzahlung ", "SEPA-Lastschrift ", "Lastschrift ", "Überweisung ", ""],
                               creditPrefixes: ["Gutschrift ", "SEPA-Gutschrift ", ""]),
        "fr": EvaluationLocale(language: "fr", currency: "EUR", amountFactor: 1, utcOffsetSeconds: 3600,
                               debitPrefixes: ["PAIEMENT PAR CARTE ", "CB ", "PRLV SEPA ", "VIR SEPA ", ""],
                               creditPrefixes: ["VIR RECU ", "VIREMENT DE ", ""]),
        "es": EvaluationLocale(language: "es", currency: "EUR", amountFactor: 1, utcOffsetSeconds: 3600,
                               debitPrefixes: ["COMPRA TARJ. ", "RECIBO ", "PAGO ", "TRANSFERENCIA A ", ""],
                               creditPrefixes: ["TRANSFERENCIA DE ", "ABONO ", ""]),
        "ru": EvaluationLocale(language: "ru", currency: "RUB", amountFactor: 80, utcOffsetSeconds: 10800,
                               debitPrefixes: ["Оплата ", "Покупка ", "Списание ", "Перевод ", ""],
                               creditPrefixes: ["Зачисление ", "Поступление ", ""]),
        "zh": EvaluationLocale(language: "zh", currency: "CNY", amountFactor: 7, utcOffsetSeconds: 28800,
                               debitPrefixes: ["消费 ", "支付宝-", "财付通-", "快捷支付 ", ""],
                               creditPrefixes: ["转入 ", "代发 ", ""]),
    ]
}
