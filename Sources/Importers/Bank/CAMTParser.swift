import StewardCore
import Formats

/// Streams ISO 20022 cash-management statements into `transaction` events: camt.053
/// (statement), camt.052 (intraday report) and camt.054 (notification), versions .001.02 to
/// .001.08. One event per `Ntry`, or one per `TxDtls` when an entry batches several
/// transactions. Element names are matched without their namespace prefix; the layout
/// differences between versions (`AmtDtls/TxAmt/Amt` vs `Amt` in `TxDtls`, `Cdtr/Nm` vs
/// `Cdtr/Pty/Nm`) are both read.
public struct CAMTParser: ExportParser {
    public static let sourceID = "bank.camt053"

    /// What one entry or transaction says; transaction fields fall back to the entry's.
    struct Details {
        var amount: Money?
        var currency: String?
        var creditDebit: String?
        var bankCode: [String] = []      // Domn/Cd, Fmly/Cd, SubFmlyCd
        var proprietaryCode: String?
        var purpose: String?
        var creditor: String?
        var debtor: String?
        var remittance: [String] = []
        var additional: String?
    }

    private var scanner = MarkupTokenizer(.xml, maxTagBytes: 1 << 20)
    private var stack: [String] = []
    private var text: [UInt8] = []
    private var pendingCurrency: String?
    private var accountCurrency: String?
    private var entry = Details()
    private var entryTime: Timestamp?
    private var entryValueTime: Timestamp?
    private var entryLine = 0
    private var inEntry = false
    private var transaction = Details()
    private var inTransaction = false
    /// The first `TxDtls` of an entry, held until a second shows the entry is a batch.
    private var heldTransaction: Details?
    private var transactionCount = 0
    private var recordIndex = 0
    private var sawDocument = false
    private var sawDoctype = false
    private var ignoredDepth = 0
    static let maxDepth = 64

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var scanner = self.scanner
        defer { self.scanner = scanner }
        scanner.feed(chunk) { token in self.handle(token, sink: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        // Input that ends inside a comment, CDATA section or tag is an error, never a clean file
        // that happens to hold no entries.
        var scanner = self.scanner
        let open = scanner.finish { token in self.handle(token, sink: sink) }
        self.scanner = scanner
        if let open {
            open.report(to: sink, record: inEntry ? recordIndex : nil)
        }
        if inEntry {
            sink.skip("file ends inside this entry (truncated?)", at: SourcePosition(line: entryLine, record: recordIndex))
        } else if sawDocument && !stack.isEmpty {
            // Cut between two entries: every entry read is whole, but those after the cut are missing.
            sink.warn("file ends before </\(stack[0])> (truncated?): entries after line \(scanner.line) are missing",
                      at: .line(scanner.line))
        }
        if !sawDocument { throw ParseError("no ISO 20022 statement (Stmt, Rpt or Ntfctn) found") }
    }

    private mutating func handle(_ token: MarkupTokenizer.Token, sink: EventSink) {
        switch token {
        case .problem(let problem):
            problem.report(to: sink)
        case .start(let tag):
            start(tag.localName, attributes: tag, line: tag.line, sink: sink)
            // `<Amt Ccy="EUR"/>` opens and closes an element.
            if tag.selfClosing { end(tag.localName, sink: sink) }
        case .end(let tag):
            end(tag.localName, sink: sink)
        case .doctype(let line, _):
            if !sawDoctype { sink.warn("DOCTYPE ignored (ISO 20022 files have none; its entities are not expanded)", at: .line(line)) }
            sawDoctype = true
        case .text(let bytes):
            if text.count + bytes.count <= 1 << 16 { text.append(contentsOf: bytes) }
        }
    }

    private mutating func start(_ nameBytes: UnsafeBufferPointer<UInt8>, attributes: MarkupTag, line: Int, sink: EventSink) {
        let name = String(decoding: nameBytes, as: UTF8.self)
        text.removeAll(keepingCapacity: true)
        // Deeper than any statement: only counted, so hostile nesting costs no memory.
        guard stack.count < Self.maxDepth else { ignoredDepth += 1; return }
        stack.append(name)
        switch name {
        case "Stmt", "Rpt", "Ntfctn": sawDocument = true; accountCurrency = nil
        case "Ntry":
            inEntry = true; entry = Details(); entryTime = nil; entryValueTime = nil
            entryLine = line; heldTransaction = nil; transactionCount = 0
        case "TxDtls" where inEntry:
            inTransaction = true; transaction = Details()
        case "Amt":
            pendingCurrency = attributes.rawValue("Ccy").map { String(decoding: $0, as: UTF8.self) }
        default: break
        }
    }

    private mutating func end(_ nameBytes: UnsafeBufferPointer<UInt8>, sink: EventSink) {
        if ignoredDepth > 0 { ignoredDepth -= 1; return }
        guard !stack.isEmpty else { return }
        let name = stack.removeLast()
        if !nameBytes.elementsEqual(name.utf8) {
            // Mismatched end tag: recover by unwinding to the matching start tag, if open.
            if let k = stack.lastIndex(where: { $0.utf8.elementsEqual(nameBytes) }) { stack.removeSubrange(k...) }
            else { stack.append(name); return }
        }
        endElement(name, sink: sink)
        text.removeAll(keepingCapacity: true)
    }

    private func currentText() -> String { MarkupText.decodeXML(text).trimmingSpaces }

    private func parent(_ k: Int = 1) -> String? { stack.count >= k ? stack[stack.count - k] : nil }
    private func inside(_ name: String) -> Bool { stack.contains(name) }

    private mutating func endElement(_ name: String, sink: EventSink) {
        let parentName = parent()
        switch name {
        case "Ntry":
            finishEntry(sink)
            inEntry = false
            return
        case "TxDtls" where inTransaction:
            inTransaction = false
            transactionCount += 1
            if transactionCount == 1 {
                heldTransaction = transaction
            } else {
                if let held = heldTransaction { emit(held, sink); heldTransaction = nil }
                emit(transaction, sink)
            }
            return
        case "Ccy" where parentName == "Acct" && !inEntry:
            accountCurrency = currentText()
            return
        default: break
        }
        guard inEntry else { return }
        func set(_ update: (inout Details) -> Void) {
            if inTransaction { update(&transaction) } else { update(&entry) }
        }
        switch name {
        case "Amt" where parentName == "Ntry" || parentName == "TxDtls" || (parentName == "TxAmt" && parent(2) == "AmtDtls"):
            let money = Money.parse(currentText(), decimalSeparator: 0x2E)
            let currency = pendingCurrency
            set { d in
                // v2 has `AmtDtls/TxAmt/Amt`, later versions also `TxDtls/Amt`: the first wins.
                if d.amount == nil { d.amount = money; d.currency = currency }
            }
        case "CdtDbtInd" where parentName == "Ntry" || parentName == "TxDtls":
            let v = currentText(); set { $0.creditDebit = v }
        case "Dt", "DtTm":
            guard !inTransaction, parentName == "BookgDt" || parentName == "ValDt", parent(2) == "Ntry" else { break }
            let raw = currentText()
            let t = name == "Dt" ? CAMTDate.date(Array(raw.utf8)) : CAMTDate.dateTime(Array(raw.utf8))
            if parentName == "BookgDt" { entryTime = t } else { entryValueTime = t }
        case "Cd" where parentName == "Domn" && inside("BkTxCd"):
            let v = currentText(); set { $0.bankCode = [v] }
        case "Cd" where parentName == "Fmly" && inside("BkTxCd"):
            let v = currentText(); set { if $0.bankCode.count == 1 { $0.bankCode.append(v) } }
        case "SubFmlyCd" where inside("BkTxCd"):
            let v = currentText(); set { if $0.bankCode.count == 2 { $0.bankCode.append(v) } }
        case "Cd" where parentName == "Prtry" && parent(2) == "BkTxCd":
            let v = currentText(); set { if $0.proprietaryCode == nil { $0.proprietaryCode = v } }
        case "Cd" where parentName == "Purp":
            let v = currentText(); set { $0.purpose = v }
        case "Nm" where inside("RltdPties"):
            // `Cdtr/Nm` (v2–v7) or `Cdtr/Pty/Nm` (v8); ultimate parties and agents are not the counterparty.
            let owner = parentName == "Pty" ? parent(2) : parentName
            let v = currentText()
            if owner == "Cdtr" { set { if $0.creditor == nil { $0.creditor = v } } }
            if owner == "Dbtr" { set { if $0.debtor == nil { $0.debtor = v } } }
        case "Ustrd" where parentName == "RmtInf":
            let v = currentText(); if !v.isEmpty { set { if $0.remittance.count < 64 { $0.remittance.append(v) } } }
        case "AddtlTxInf" where parentName == "TxDtls", "AddtlNtryInf" where parentName == "Ntry":
            let v = currentText(); set { $0.additional = v }
        default: break
        }
    }

    private mutating func finishEntry(_ sink: EventSink) {
        if transactionCount <= 1 {
            // One transaction (or none): the entry is the event, its details filled from the transaction.
            var merged = entry
            if let t = heldTransaction {
                merged.creditor = t.creditor; merged.debtor = t.debtor
                if !t.remittance.isEmpty { merged.remittance = t.remittance }
                merged.purpose = t.purpose
                if merged.bankCode.isEmpty { merged.bankCode = t.bankCode }
                if merged.proprietaryCode == nil { merged.proprietaryCode = t.proprietaryCode }
                if let a = t.additional { merged.additional = a }
            }
            emit(merged, fromEntry: true, sink)
        }
        heldTransaction = nil
    }

    private mutating func emit(_ d: Details, fromEntry: Bool = false, _ sink: EventSink) {
        let position = SourcePosition(line: entryLine, record: recordIndex)
        recordIndex += 1
        guard let time = entryTime ?? entryValueTime else { sink.skip("entry without a booking or value date", at: position); return }
        guard var amount = d.amount ?? (fromEntry ? nil : nil) else {
            sink.skip(fromEntry ? "entry without an amount" : "batched transaction without its own amount", at: position); return
        }
        let indicator = d.creditDebit ?? entry.creditDebit
        guard indicator == "DBIT" || indicator == "CRDT" else {
            sink.skip("entry without CdtDbtInd CRDT/DBIT", at: position); return
        }
        if indicator == "DBIT" { amount.units = -abs(amount.units) } else { amount.units = abs(amount.units) }
        amount.currency = d.currency ?? entry.currency ?? accountCurrency
        // From the account holder's side the other party is the creditor of a debit and the debtor of a credit.
        let counterparty = indicator == "DBIT" ? (d.creditor ?? d.debtor) : (d.debtor ?? d.creditor)
        let bankCode = d.bankCode.isEmpty ? entry.bankCode : d.bankCode
        let code = d.purpose ?? (bankCode.isEmpty ? nil : bankCode.joined(separator: "/")) ?? d.proprietaryCode ?? entry.proprietaryCode
        var text: String? = d.remittance.isEmpty ? nil : d.remittance.joined(separator: " ")
        if text == nil { text = d.additional ?? entry.additional }
        sink.emit(Event(source: Self.sourceID, kind: .transaction, time: time, text: text.flatMap { $0.isEmpty ? nil : $0 },
                        counterparty: counterparty, amount: amount, code: code, position: position))
    }
}
