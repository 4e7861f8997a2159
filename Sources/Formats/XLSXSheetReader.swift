import Foundation
import StewardCore
import ZIPFoundation
import Archives

/// Reads the first worksheet of an Excel workbook (.xlsx, Office Open XML) on disk, row by row,
/// with the cells as text. A sheet's text cells point into the workbook's shared-strings part,
/// which is read first and held (bounded by `maxSharedStringBytes`); the sheet itself is then
/// streamed, so memory is the strings plus one row. Both parts are inflated through
/// `ZipArchiveReader.Member` and its zip-bomb limits; the XML is tokenized by
/// `MarkupTokenizer` (no DTDs, no entity expansion).
public struct XLSXSheetReader {
    let diskPath: String
    let displayPath: String
    var zipLimits = ZipArchiveReader.Limits()
    /// The shared strings a workbook may hold before it is refused: far above a year of bills
    /// (a few hundred KiB), far below what would strain memory.
    var maxSharedStringBytes = 64 << 20
    var maxColumns = 512

    public init(diskPath: String, displayPath: String, zipLimits: ZipArchiveReader.Limits = .init()) {
        self.diskPath = diskPath
        self.displayPath = displayPath
        self.zipLimits = zipLimits
    }

    /// A ZIP whose first member names are those of an Office Open XML package.
    public static func looksLikeWorkbook(_ head: [UInt8]) -> Bool {
        guard ZipArchiveReader.looksLikeZip(head) else { return false }
        let window = head.prefix(4096)
        return ByteSearch.contains(window, "[Content_Types].xml") || ByteSearch.contains(window, "xl/")
    }

    /// The first `limit` bytes of the shared-strings part (nil when there is none): enough for
    /// detection to read a sheet's title and header without parsing the workbook.
    public func sharedStringsHead(limit: Int) throws(ParseError) -> [UInt8]? {
        let archive = try open()
        guard let entry = archive["xl/sharedStrings.xml"] else { return nil }
        var head: [UInt8] = []
        try stream(member(archive, entry)) { chunk in
            head.append(contentsOf: chunk.prefix(limit - head.count))
            return head.count >= limit ? .stop : .more
        }
        return head
    }

    /// Calls `row` for each row of the first worksheet with its 1-based row number and cells
    /// (missing cells as ""), in order. `row` returns false to stop.
    public func forEachRow(_ row: (Int, [String]) -> Bool) throws(ParseError) {
        let archive = try open()
        let strings = try sharedStrings(archive)
        let sheets = archive.filter { $0.path.hasPrefix("xl/worksheets/") && $0.path.hasSuffix(".xml") }.map(\.path)
        // The workbook's first sheet is `sheet1.xml` in every writer seen; otherwise the first by name.
        guard let sheetPath = sheets.contains("xl/worksheets/sheet1.xml") ? "xl/worksheets/sheet1.xml" : sheets.min(),
              let sheet = archive[sheetPath] else {
            throw ParseError("a workbook without a worksheet")
        }
        var scanner = MarkupTokenizer(.xml, maxTagBytes: 1 << 20)
        var cells: [String] = []
        var rowNumber = 0
        var column = 0
        var cellType: [UInt8] = []
        var value = ""
        var inValue = false
        var problem: ParseError?
        var stopped = false
        let maxColumns = self.maxColumns
        func endElement(_ name: UnsafeBufferPointer<UInt8>) {
            if name.elementsEqual(Self.valueTag) || name.elementsEqual(Self.textTag) {
                inValue = false
            } else if name.elementsEqual(Self.cellTag) {
                guard column < maxColumns else {
                    problem = ParseError("row \(rowNumber) has a cell past column \(maxColumns)"); stopped = true; return
                }
                var text = value
                if cellType.elementsEqual(Self.sharedType) {
                    guard let k = Int(value), k >= 0, k < strings.count else {
                        problem = ParseError("row \(rowNumber) points to a shared string the workbook does not have"); stopped = true; return
                    }
                    text = strings[k]
                }
                if cells.count <= column { cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count)) }
                cells[column] = text
            } else if name.elementsEqual(Self.rowTag) {
                if !row(rowNumber, cells) { stopped = true }
            }
        }
        try stream(member(archive, sheet)) { chunk in
            scanner.feed(chunk) { token in
                guard !stopped else { return }
                switch token {
                case .start(let tag):
                    let name = tag.localName
                    if name.elementsEqual(Self.rowTag) {
                        rowNumber = tag.rawValue("r").flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? rowNumber + 1
                        cells = []
                    } else if name.elementsEqual(Self.cellTag) {
                        column = tag.rawValue("r").flatMap(Self.columnIndex) ?? cells.count
                        cellType = tag.rawValue("t").map(Array.init) ?? []
                        value = ""
                    } else if name.elementsEqual(Self.valueTag) || name.elementsEqual(Self.textTag) {
                        inValue = !tag.selfClosing
                    }
                    if tag.selfClosing { endElement(tag.localName) }
                case .text(let raw):
                    if inValue { value += MarkupText.decodeXML(raw) }
                case .end(let tag):
                    endElement(tag.localName)
                case .doctype, .problem:
                    break
                }
            }
            return stopped ? .stop : .more
        }
        if let problem { throw problem }
    }

    private static let rowTag = Array("row".utf8), cellTag = Array("c".utf8), valueTag = Array("v".utf8)
    private static let textTag = Array("t".utf8), sharedType = Array("s".utf8)
    private static let itemTag = Array("si".utf8), phoneticTag = Array("rPh".utf8)

    /// `B7` → 1, `AA3` → 26.
    static func columnIndex<C: Collection>(_ reference: C) -> Int? where C.Element == UInt8 {
        var n = 0, letters = 0
        for b in reference {
            let upper = b & 0xDF
            guard upper >= 0x41 && upper <= 0x5A else { break }
            n = n * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }

    /// Every `<si>` of the shared-strings part: its `<t>` runs joined, phonetic runs (`<rPh>`) left out.
    private func sharedStrings(_ archive: Archive) throws(ParseError) -> [String] {
        guard let entry = archive["xl/sharedStrings.xml"] else { return [] }
        var scanner = MarkupTokenizer(.xml, maxTagBytes: 1 << 20)
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        var bytes = 0
        var tooMany = false
        let cap = maxSharedStringBytes
        func endElement(_ name: UnsafeBufferPointer<UInt8>) {
            if name.elementsEqual(Self.textTag) { inText = false }
            else if name.elementsEqual(Self.phoneticTag) { inPhonetic = false }
            else if name.elementsEqual(Self.itemTag) {
                bytes += current.utf8.count + 16
                if bytes > cap { tooMany = true }
                strings.append(current)
            }
        }
        try stream(member(archive, entry)) { chunk in
            scanner.feed(chunk) { token in
                switch token {
                case .start(let tag):
                    let name = tag.localName
                    if name.elementsEqual(Self.itemTag) { current = "" }
                    else if name.elementsEqual(Self.phoneticTag) { inPhonetic = true }
                    else if name.elementsEqual(Self.textTag) { inText = true }
                    if tag.selfClosing { endElement(name) }
                case .text(let raw):
                    if inText && !inPhonetic { current += MarkupText.decodeXML(raw) }
                case .end(let tag):
                    endElement(tag.localName)
                case .doctype, .problem:
                    break
                }
            }
            return tooMany ? .stop : .more
        }
        if tooMany { throw ParseError("the workbook's shared strings exceed \(cap >> 20) MiB: save the sheet as CSV and scan that") }
        return strings
    }

    private func open() throws(ParseError) -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: diskPath), accessMode: .read)
        } catch {
            throw ParseError("damaged or unsupported workbook (ZIP): \(error)")
        }
    }

    private func member(_ archive: Archive, _ entry: Entry) -> ZipArchiveReader.Member {
        ZipArchiveReader.Member(archive: archive, entry: entry, limits: zipLimits, displayPath: displayPath + "!" + entry.path)
    }

    private func stream(_ member: ZipArchiveReader.Member, _ body: (UnsafeRawBufferPointer) -> StreamControl) throws(ParseError) {
        do {
            try member.stream(body)
        } catch let error as DiscoveryError {
            throw ParseError(error.description)
        } catch {
            throw ParseError("\(member.displayPath): \(error)")
        }
    }
}
