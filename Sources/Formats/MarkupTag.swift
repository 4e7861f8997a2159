/// A start or end tag as `MarkupTokenizer` hands it over: the name and the raw attribute text,
/// read on demand (most tags are looked at for one attribute or none, so attributes are not
/// split up front). Only valid during the tokenizer's callback.
public struct MarkupTag {
    public let dialect: MarkupTokenizer.Dialect
    /// The tag name as written (HTML: lower-cased), namespace prefix included.
    public let name: UnsafeBufferPointer<UInt8>
    /// Everything between `<` (or `</`) and `>` without a closing `/`, name first; attribute
    /// names keep their case, values their entities.
    let raw: UnsafeBufferPointer<UInt8>
    /// 1-based line on which the tag starts.
    public let line: Int
    /// 0-based byte offset of the tag's `<`.
    public let offset: Int64
    /// True for `<br/>`-style tags.
    public let selfClosing: Bool
    /// True when an attribute value was cut at the tokenizer's `maxValueBytes`.
    public let valuesCut: Bool

    init(dialect: MarkupTokenizer.Dialect, name: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>, line: Int,
         offset: Int64, selfClosing: Bool, valuesCut: Bool) {
        self.dialect = dialect
        self.name = name
        self.raw = raw
        self.line = line
        self.offset = offset
        self.selfClosing = selfClosing
        self.valuesCut = valuesCut
    }

    /// The same tag over a copy of its `rawBytes` (a reader on another thread replays tags
    /// the tokenizer handed over: `RecordReadingThread`); `raw` must stay valid while it is used.
    public init(copyOf tag: MarkupTag, raw: UnsafeBufferPointer<UInt8>) {
        self.init(dialect: tag.dialect, name: UnsafeBufferPointer(rebasing: raw[0..<tag.name.count]), raw: raw, line: tag.line,
                  offset: tag.offset, selfClosing: tag.selfClosing, valuesCut: tag.valuesCut)
    }

    /// Name and attribute text as the tokenizer handed them over (see `init(copyOf:raw:)`).
    public var rawBytes: UnsafeBufferPointer<UInt8> { raw }

    /// The name without its namespace prefix (`camt:Ntry` → `Ntry`).
    public var localName: UnsafeBufferPointer<UInt8> {
        guard let colon = name.lastIndex(of: 0x3A) else { return name }
        return UnsafeBufferPointer(rebasing: name[(colon + 1)...])
    }

    /// The bytes after the name: attributes as written.
    public var attributeBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: raw[name.count...]) }

    /// True when the tag's name is `lowercaseName` (ASCII; HTML names are lower-cased).
    public func isNamed(_ lowercaseName: StaticString) -> Bool {
        guard name.count == lowercaseName.utf8CodeUnitCount else { return false }
        let want = lowercaseName.utf8Start
        for k in 0..<name.count where name[k] != want[k] { return false }
        return true
    }

    /// The raw value of an attribute (entities still encoded): HTML names compared without
    /// case, XML names exactly and without their namespace prefix; nil when absent.
    public func rawValue(_ attributeName: StaticString) -> UnsafeBufferPointer<UInt8>? {
        valueRange(of: attributeName).map { UnsafeBufferPointer(rebasing: raw[$0]) }
    }

    /// An XML attribute's value with the predefined entities and numeric references decoded.
    public func xmlValue(_ attributeName: StaticString) -> String? {
        rawValue(attributeName).map { MarkupText.decodeXML($0) }
    }

    /// Calls `body` with each quoted attribute's name and raw value, in order (XML records that
    /// are all attributes read them in one pass).
    public func forEachAttribute(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        let n = raw.count
        var i = name.count
        while i < n {
            while i < n, Self.isSpace(raw[i]) || raw[i] == UInt8(ascii: "/") { i += 1 }
            let nameStart = i
            while i < n, !Self.isSpace(raw[i]), raw[i] != UInt8(ascii: "=") { i += 1 }
            let nameEnd = i
            while i < n, Self.isSpace(raw[i]) { i += 1 }
            guard i < n, raw[i] == UInt8(ascii: "=") else { if nameEnd == nameStart { i += 1 }; continue }
            i += 1
            while i < n, Self.isSpace(raw[i]) { i += 1 }
            guard i < n, raw[i] == UInt8(ascii: "\"") || raw[i] == UInt8(ascii: "'") else {
                // Unquoted values are not XML: skipped.
                while i < n, !Self.isSpace(raw[i]) { i += 1 }
                continue
            }
            let quote = raw[i]
            i += 1
            let start = i
            while i < n, raw[i] != quote { i += 1 }
            if nameEnd > nameStart {
                body(UnsafeBufferPointer(rebasing: raw[nameStart..<nameEnd]), UnsafeBufferPointer(rebasing: raw[start..<i]))
            }
            if i < n { i += 1 }
        }
    }

    /// HTML: the value of attribute `attributeName` (ASCII, compared case-insensitively), with
    /// character references decoded; nil when the tag has no such attribute.
    public func attribute(_ attributeName: StaticString) -> [UInt8]? {
        guard let range = valueRange(of: attributeName) else { return nil }
        let value = UnsafeBufferPointer(rebasing: raw[range])
        if !value.contains(UInt8(ascii: "&")) { return Array(value) }
        return HTMLCharacterReference.decode(Array(value))
    }

    /// The tag's `class` attribute, located once so several names can be checked cheaply.
    public var classList: MarkupClassList {
        MarkupClassList(raw: raw, range: raw.count > name.count ? valueRange(of: "class") : nil)
    }

    /// True when the `class` attribute lists `className` as one of its space-separated names.
    public func hasClass(_ className: StaticString) -> Bool { classList.contains(className) }

    /// Byte range of an attribute's value inside `raw` (quotes excluded).
    private func valueRange(of attributeName: StaticString) -> Range<Int>? {
        let want = UnsafeBufferPointer(start: attributeName.utf8Start, count: attributeName.utf8CodeUnitCount)
        let n = raw.count
        var i = name.count
        while i < n {
            while i < n, Self.isSpace(raw[i]) || raw[i] == UInt8(ascii: "/") { i += 1 }
            let nameStart = i
            while i < n, !Self.isSpace(raw[i]), raw[i] != UInt8(ascii: "="), raw[i] != UInt8(ascii: "/") { i += 1 }
            let nameEnd = i
            guard nameEnd > nameStart else { i += 1; continue }
            while i < n, Self.isSpace(raw[i]) { i += 1 }
            var value: Range<Int>? = nil
            if i < n, raw[i] == UInt8(ascii: "=") {
                i += 1
                while i < n, Self.isSpace(raw[i]) { i += 1 }
                if i < n, raw[i] == UInt8(ascii: "\"") || raw[i] == UInt8(ascii: "'") {
                    let quote = raw[i]
                    i += 1
                    let start = i
                    while i < n, raw[i] != quote { i += 1 }
                    value = start..<i
                    if i < n { i += 1 }
                } else {
                    let start = i
                    while i < n, !Self.isSpace(raw[i]) { i += 1 }
                    value = start..<i
                }
            }
            var localStart = nameStart
            if dialect == .xml, let colon = raw[nameStart..<nameEnd].lastIndex(of: 0x3A) { localStart = colon + 1 }
            if nameEnd - localStart == want.count {
                var equal = true
                if dialect == .html {
                    for k in 0..<want.count where raw[localStart + k] | 0x20 != want[k] | 0x20 { equal = false; break }
                } else {
                    for k in 0..<want.count where raw[localStart + k] != want[k] { equal = false; break }
                }
                if equal { return value ?? (nameEnd..<nameEnd) }
            }
        }
        return nil
    }

    @inline(__always)
    public static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }
}

/// The names in one tag's `class` attribute.
public struct MarkupClassList {
    let raw: UnsafeBufferPointer<UInt8>
    let range: Range<Int>?

    /// True when `className` is one of the space-separated names.
    public func contains(_ className: StaticString) -> Bool {
        guard let range else { return false }
        let want = UnsafeBufferPointer(start: className.utf8Start, count: className.utf8CodeUnitCount)
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound, MarkupTag.isSpace(raw[i]) { i += 1 }
            let start = i
            while i < range.upperBound, !MarkupTag.isSpace(raw[i]) { i += 1 }
            if i - start == want.count {
                var equal = true
                for k in 0..<want.count where raw[start + k] != want[k] { equal = false; break }
                if equal { return true }
            }
        }
        return false
    }
}
