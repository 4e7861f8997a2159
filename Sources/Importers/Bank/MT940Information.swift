import StewardCore
import Formats

/// Reads the `:86:` information to the account owner in the three shapes banks use:
/// German structured (`166?00GUTSCHRIFT?20…?32NAME`: GVC code, `?`-numbered subfields; the
/// separator is the fourth character), Dutch/SEPA keyed (`/EREF/…/NAME/…/REMI/…`), and
/// free text.
struct MT940Information {
    var text: String?
    var counterparty: String?
    var code: String?

    static func parse(_ raw: ArraySlice<UInt8>) -> MT940Information {
        if raw.count >= 4, raw.prefix(3).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           let separator = raw.dropFirst(3).first, separator == UInt8(ascii: "?") || separator == UInt8(ascii: "/") && raw.count > 6 && isDigit(raw[raw.startIndex + 4]) {
            return parseGerman(raw, separator: separator)
        }
        if raw.first == UInt8(ascii: "/"), let keyed = parseKeyed(raw) { return keyed }
        let text = collapse(TextDecoding.decodeUTF8OrWindows1252(raw))
        return MT940Information(text: text.isEmpty ? nil : text)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `GVC?00booking text?10primanota?20purpose…?29?30bank?31account?32name?33name?34key?60…`
    static func parseGerman(_ raw: ArraySlice<UInt8>, separator: UInt8) -> MT940Information {
        let gvc = String(decoding: raw.prefix(3), as: UTF8.self)
        var bookingText: [UInt8] = [], purpose: [UInt8] = [], name: [UInt8] = []
        var i = raw.startIndex + 3
        while i < raw.endIndex {
            guard raw[i] == separator, i + 2 < raw.endIndex, isDigit(raw[i + 1]), isDigit(raw[i + 2]) else { i += 1; continue }
            let field = Int(raw[i + 1] - 0x30) * 10 + Int(raw[i + 2] - 0x30)
            var end = i + 3
            while end < raw.endIndex && !(raw[end] == separator && end + 2 < raw.endIndex && isDigit(raw[end + 1]) && isDigit(raw[end + 2])) {
                end += 1
            }
            let content = raw[(i + 3)..<end]
            switch field {
            case 0: bookingText.append(contentsOf: content)
            // Purpose lines are 27 characters, cut mid-word: joined as they are.
            case 20...29, 60...63: purpose.append(contentsOf: content)
            case 32, 33: name.append(contentsOf: content)
            default: break
            }
            i = end
        }
        let booking = collapse(TextDecoding.decodeUTF8OrWindows1252(bookingText))
        let reason = collapse(TextDecoding.decodeUTF8OrWindows1252(purpose))
        let text = [booking, reason].filter { !$0.isEmpty }.joined(separator: " | ")
        let counterparty = collapse(TextDecoding.decodeUTF8OrWindows1252(name))
        return MT940Information(text: text.isEmpty ? nil : text, counterparty: counterparty.isEmpty ? nil : counterparty, code: gvc)
    }

    /// Keys of the Dutch (Rabobank, ABN AMRO, ING) and SEPA `:86:` layout. A value runs up to the
    /// next `/KEY/` of this list, so slashes inside remittance text survive.
    static let keys: Set<String> = [
        "EREF", "PREF", "KREF", "MARF", "CSID", "RTRN", "BENM", "ORDP", "NAME", "ID", "ADDR", "REMI", "USTD",
        "STRD", "CDTRREF", "CDTRREFTP", "CD", "ISSR", "PURP", "IBAN", "BIC", "TRTP", "ISDT", "ULTC", "ULTD",
        "ULTB", "SVCL", "BUSP", "CNTP", "ACCW", "FX", "CHGS", "EXCH", "OCMT", "ABNA", "PREF",
    ]

    static func parseKeyed(_ raw: ArraySlice<UInt8>) -> MT940Information? {
        // Split at every `/` and regroup: a known key between two slashes starts a new value.
        var fields: [(key: String, value: String)] = []
        let bytes = Array(raw)
        var i = 0
        var currentKey: String?
        var valueStart = 0
        func close(_ end: Int) {
            guard let key = currentKey else { return }
            var v = bytes[valueStart..<max(valueStart, end)]
            while v.last == UInt8(ascii: "/") { v = v.dropLast() }
            fields.append((key, collapse(TextDecoding.decodeUTF8OrWindows1252(v))))
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "/") {
                var j = i + 1
                while j < bytes.count && j - i <= 10 && ((bytes[j] >= 0x41 && bytes[j] <= 0x5A) || isDigit(bytes[j])) { j += 1 }
                if j < bytes.count, j > i + 1, bytes[j] == UInt8(ascii: "/") {
                    let key = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                    if keys.contains(key) {
                        close(i)
                        currentKey = key
                        valueStart = j + 1
                        i = j + 1
                        continue
                    }
                }
            }
            i += 1
        }
        close(bytes.count)
        guard !fields.isEmpty else { return nil }
        func first(_ key: String) -> String? { fields.first(where: { $0.key == key && !$0.value.isEmpty })?.value }
        var remittance = fields.filter { ($0.key == "REMI" || $0.key == "USTD") && !$0.value.isEmpty }.map(\.value).joined(separator: " ")
        if remittance.hasPrefix("USTD//") { remittance.removeFirst(6) }
        let code = first("PURP") ?? first("TRTP")
        let text = remittance.isEmpty ? collapse(TextDecoding.decodeUTF8OrWindows1252(raw)) : remittance
        return MT940Information(text: text.isEmpty ? nil : text, counterparty: first("NAME"), code: code)
    }

    /// One space for runs of spaces (fields are padded) and nothing at the ends.
    static func collapse(_ s: String) -> String {
        BankStatementCSVParser.collapseSpaces(s).trimmingSpaces
    }
}
