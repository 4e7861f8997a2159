import Formats
/// The attributes of one start tag, read in a single pass over its bytes: for each name in a
/// fixed list, the raw value (entities still encoded), so a record costs one scan however
/// many attributes it has. Unquoted or unterminated values end the scan (the tag is malformed).
struct HealthTagAttributes {
    let names: [[UInt8]]
    private(set) var values: [UnsafeBufferPointer<UInt8>?]

    init(names: [String]) {
        self.names = names.map { Array($0.utf8) }
        self.values = Array(repeating: nil, count: names.count)
    }

    /// Reads `tag` (bytes after the element name; valid only while the tokenizer's callback
    /// runs, as are the values); values of names not in the list are skipped.
    mutating func read(_ tag: UnsafeBufferPointer<UInt8>) {
        for k in values.indices { values[k] = nil }
        var i = 0
        let end = tag.count
        while i < end {
            while i < end, MarkupTag.isSpace(tag[i]) { i += 1 }
            let nameStart = i
            while i < end, tag[i] != 0x3D, !MarkupTag.isSpace(tag[i]) { i += 1 }
            let name = UnsafeBufferPointer(rebasing: tag[nameStart..<i])
            while i < end, tag[i] != 0x22, tag[i] != 0x27 {
                // Only spaces and `=` may sit between a name and its quoted value.
                if tag[i] != 0x3D && !MarkupTag.isSpace(tag[i]) { return }
                i += 1
            }
            guard i < end else { return }
            let q = tag[i]
            let valueStart = i + 1
            var j = valueStart
            while j < end, tag[j] != q { j += 1 }
            guard j < end else { return }
            if let k = names.firstIndex(where: { $0.count == name.count && $0.elementsEqual(name) }) {
                values[k] = UnsafeBufferPointer(rebasing: tag[valueStart..<j])
            }
            i = j + 1
        }
    }

    subscript(_ k: Int) -> UnsafeBufferPointer<UInt8>? { values[k] }

    /// The value with the predefined entities and numeric references decoded; any other
    /// entity stays as written (never expanded).
    func text(_ k: Int) -> String? {
        guard let raw = values[k], !raw.isEmpty else { return nil }
        return MarkupText.decodeXML(raw)
    }

    /// The value as a number, when it is one ("22.5312", "-3", "1e3").
    func number(_ k: Int) -> Double? {
        guard let raw = values[k], !raw.isEmpty, raw.count <= 40 else { return nil }
        guard let value = Double(String(decoding: raw, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
