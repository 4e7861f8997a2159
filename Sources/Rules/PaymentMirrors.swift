import Foundation
import StewardCore

/// Purchases that a shop or wallet lists and a bank statement lists again (docs/duplicates.md,
/// "Purchases and the statement that paid them"): an Amazon order paid by card, a Google Pay
/// charge, appear once in the order history and once more on the statement of the card or
/// account that paid. They are not copies of one file, so `OverlapKey` (one family, exact day
/// and counterparty) never meets them: the shop dates the order, the bank the booking days
/// later, and the bank writes "AMZN Mktp DE*2K4…" where the shop writes "Amazon.de".
///
/// A purchase and a statement line are taken for one payment when, from two different inputs,
/// they have the same amount to the cent (sign aside), the booking falls from one day before to
/// `maxBookingDelayDays` after the purchase, and the statement's counterparty contains one of
/// the purchase's names (the shop's own, `amazon`/`amzn`, `google`, or a word of the merchant of
/// at least four letters; Alipay and WeChat Pay bills and PayPal's activity by the app's name).
/// Each purchase pairs with at most one statement line and each line with one purchase. The
/// one read second is dropped before rules and analyzers see it, so the
/// payment counts once, with the evidence of the copy read first.
///
/// Shared by the sessions of a scan, behind one lock: only transactions of scans that hold both
/// a purchase history and a statement pass here. Memory is bounded by `capacity` records; past
/// it, records are admitted unchecked and the report says how many.
public final class PaymentMirrors: @unchecked Sendable {
    public enum Role: Sendable { case purchase, statement }

    public static let defaultCapacity = 200_000
    /// Banks book a card payment on the day or a few days later; Amazon charges at shipping.
    public static let maxBookingDelayDays: Int64 = 6

    /// What a source's transactions are: a shop's or wallet's own list of purchases, a bank's
    /// statement, or neither (payment-app bills, which are their own accounts).
    public static func role(of source: String) -> Role? {
        switch source {
        // Alipay and WeChat Pay bills and PayPal's activity are read under `bank.`, but a
        // payment they took from a bank account or card is booked again on that statement,
        // under the app's name.
        case "amazon.orders", "google.pay", "bank.alipay", "bank.wechatpay", "bank.paypal": return .purchase
        case _ where source.hasPrefix("bank."): return .statement
        default: return nil
        }
    }

    /// The names a statement line of this purchase may carry, folded.
    static func names(of event: Event) -> [[UInt8]] {
        var names: [[UInt8]] = []
        switch event.source {
        case "amazon.orders": names = [Array("amazon".utf8), Array("amzn".utf8)]
        case "google.pay": names = [Array("google".utf8)]
        case "bank.alipay": names = [Array("alipay".utf8), Array("支付宝".utf8)]
        case "bank.wechatpay": names = [Array("tenpay".utf8), Array("财付通".utf8), Array("wechat".utf8), Array("微信".utf8)]
        case "bank.paypal": names = [Array("paypal".utf8)]
        default: break
        }
        // Words of the merchant as folded letters ("YouTube Premium" → youtube, premium): a
        // wallet's card payment is booked under the merchant's name.
        let folded = TextFolder.fold(event.counterparty ?? "")
        var word: [UInt8] = []
        func flush() {
            if word.count >= 4, !names.contains(word), names.count < 8 { names.append(word) }
            word.removeAll(keepingCapacity: true)
        }
        for byte in folded {
            if (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 { word.append(byte) } else { flush() }
        }
        flush()
        return names
    }

    /// A statement counterparty as folded letters only ("AMZN Mktp DE*2K4" → amznmktpdek).
    static func letters(of event: Event) -> [UInt8] {
        TextFolder.fold(event.counterparty ?? event.text ?? "").filter { ($0 >= 0x61 && $0 <= 0x7A) || $0 >= 0x80 }.prefix(96).map { $0 }
    }

    private struct Purchase {
        let key: UInt64
        let input: UInt32
        let day: Int64
        let names: [[UInt8]]
        var paired = false
    }

    private struct Statement {
        let key: UInt64
        let input: UInt32
        let day: Int64
        let letters: [UInt8]
        var paired = false
    }

    private let lock = NSLock()
    private let capacity: Int
    private var purchases: [Purchase] = []
    private var statements: [Statement] = []
    /// Amount (absolute, at 4 decimals) → indices into `purchases` / `statements`.
    private var purchasesByAmount: [Int64: [Int]] = [:]
    private var statementsByAmount: [Int64: [Int]] = [:]
    /// Overlap keys of statement lines already entered, so a second copy of one line (the
    /// statement's CSV beside its OFX) is not entered twice.
    private var enteredStatements: Set<UInt64> = []
    /// Overlap keys of records dropped as the other copy of a payment: a copy of such a record
    /// from a third input (the OFX of a statement whose CSV line was dropped) is dropped too.
    private var dropped: Set<UInt64> = []
    private var mergedByPair: [UInt64: Int] = [:]
    private var uncheckedCount = 0

    public init(capacity: Int = PaymentMirrors.defaultCapacity) {
        self.capacity = max(0, capacity)
    }

    /// The table for a scan whose inputs will be read by these importers, or nil when the scan
    /// cannot hold both a purchase history and a statement (`nil` source: content not known
    /// before it is read).
    public static func forScan(inputSources: [String?], capacity: Int = defaultCapacity) -> PaymentMirrors? {
        let roles = inputSources.map { $0.map(role(of:)) }
        let unknown = roles.contains { $0 == nil }
        let purchases = roles.contains { $0 == .some(.purchase) }
        let statements = roles.contains { $0 == .some(.statement) }
        return (purchases || unknown) && (statements || unknown) ? PaymentMirrors(capacity: capacity) : nil
    }

    /// Whether rules and analyzers should see this transaction: false when another input
    /// already delivered the same payment from the other side (or a copy of a dropped one).
    /// `role` is `role(of: event.source)` (sessions ask once per source), `key` the record's
    /// overlap key (numbered by occurrence in its input), `input` the gate's number for its
    /// input (`OverlapGate.inputId`).
    public func admits(_ event: Event, as role: Role, key: UInt64, input: UInt32) -> Bool {
        guard event.kind == .transaction, let time = event.time, let amount = event.amount, amount.units != 0 else { return true }
        let units = amount.units(atScale: 4).magnitude
        guard units <= UInt64(Int64.max) else { return true }
        let cents = Int64(units)
        let day = Timestamp.floorDiv(time.localSeconds, 86_400)
        let names = role == .purchase ? Self.names(of: event) : []
        let letters = role == .statement ? Self.letters(of: event) : []
        lock.lock(); defer { lock.unlock() }
        if dropped.contains(key) { return false }
        switch role {
        case .statement:
            if enteredStatements.contains(key) { return true }
            for i in purchasesByAmount[cents] ?? [] where !purchases[i].paired && purchases[i].input != input {
                let p = purchases[i]
                guard (-1...Self.maxBookingDelayDays).contains(day - p.day), Self.carries(letters, oneOf: p.names) else { continue }
                purchases[i].paired = true
                merged(p.input, input, dropping: key)
                return false
            }
            guard statements.count + purchases.count < capacity else { uncheckedCount += 1; return true }
            enteredStatements.insert(key)
            statementsByAmount[cents, default: []].append(statements.count)
            statements.append(Statement(key: key, input: input, day: day, letters: letters))
        case .purchase:
            for i in statementsByAmount[cents] ?? [] where !statements[i].paired && statements[i].input != input {
                let s = statements[i]
                guard (-1...Self.maxBookingDelayDays).contains(s.day - day), Self.carries(s.letters, oneOf: names) else { continue }
                statements[i].paired = true
                merged(s.input, input, dropping: key)
                return false
            }
            guard statements.count + purchases.count < capacity else { uncheckedCount += 1; return true }
            purchasesByAmount[cents, default: []].append(purchases.count)
            purchases.append(Purchase(key: key, input: input, day: day, names: names))
        }
        return true
    }

    private func merged(_ first: UInt32, _ second: UInt32, dropping key: UInt64) {
        dropped.insert(key)
        let pair = first < second ? (UInt64(first) << 32 | UInt64(second)) : (UInt64(second) << 32 | UInt64(first))
        mergedByPair[pair, default: 0] += 1
    }

    static func carries(_ letters: [UInt8], oneOf names: [[UInt8]]) -> Bool {
        letters.withUnsafeBytes { haystack in
            names.contains { name in name.withUnsafeBytes { ByteSearch.contains(haystack, $0) } }
        }
    }

    /// Transactions admitted without a check because the table was full.
    public var unchecked: Int {
        lock.lock(); defer { lock.unlock() }
        return uncheckedCount
    }

    /// Payments dropped as the second copy, per pair of inputs (`path` names an input number).
    public func mergedRecords(path: (UInt32) -> String) -> [OverlapSummary.MergedRecords] {
        lock.lock(); defer { lock.unlock() }
        return mergedByPair.map { pair, records in
            OverlapSummary.MergedRecords(inputs: [path(UInt32(pair >> 32)), path(UInt32(pair & 0xFFFF_FFFF))].sorted(), records: records)
        }.sorted { $0.inputs.lexicographicallyPrecedes($1.inputs) }
    }
}
