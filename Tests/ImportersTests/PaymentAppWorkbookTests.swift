import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
@testable import StewardCore
@testable import Archives
@testable import Formats

/// WeChat Pay bills as .xlsx (docs/formats/payment-apps.md): workbooks written here part by part
/// as Excel writes them (text in the shared strings, stored after the sheet; numbers in cells).
final class PaymentAppWorkbookTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-workbook-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A cell: text goes to the shared strings, a number stays in the sheet.
    enum Cell { case text(String), number(String), inline(String) }

    /// Writes a workbook whose first sheet holds `rows` (row numbers from 1, gaps allowed).
    private func writeWorkbook(_ name: String, _ rows: [(Int, [Cell?])]) throws -> String {
        var strings: [String] = []
        var index: [String: Int] = [:]
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        var sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, cells) in rows {
            sheet += #"<row r="\#(r)">"#
            for (k, cell) in cells.enumerated() {
                guard let cell else { continue }
                let ref = String(UnicodeScalar(UInt8(65 + k))) + String(r)
                switch cell {
                case .text(let s):
                    let i = index[s] ?? { strings.append(s); index[s] = strings.count - 1; return strings.count - 1 }()
                    sheet += #"<c r="\#(ref)" t="s"><v>\#(i)</v></c>"#
                case .number(let n):
                    sheet += #"<c r="\#(ref)" s="2"><v>\#(n)</v></c>"#
                case .inline(let s):
                    sheet += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(escape(s))</t></is></c>"#
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        var shared = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
        for s in strings { shared += "<si><t>\(escape(s))</t></si>" }
        shared += "</sst>"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>"#),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", shared),
        ]
        let path = dir + "/" + name
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (part, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return path
    }

    /// The WeChat Pay bill's preamble, header and three rows: a time as text and one as a
    /// spreadsheet date number, amounts as `¥` text and as plain numbers.
    private var weChatRows: [(Int, [Cell?])] {
        let header = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号", "商户单号", "备注"]
        return [
            (1, [.text("微信支付账单明细")]),
            (2, [.text("微信昵称：[小明]")]),
            (3, [.text("起始时间：[2024-01-01 00:00:00] 终止时间：[2024-03-31 23:59:59]")]),
            (7, [.text("共3笔记录")]),
            (16, [.text("----------------------微信支付账单明细列表--------------------")]),
            (17, header.map { .text($0) }),
            (18, [.text("2024-03-31 12:10:05"), .text("商户消费"), .text("瑞幸咖啡"), .text("生椰拿铁"), .text("支出"), .text("¥12.50"),
                  .text("零钱"), .text("支付成功"), .text("4200002001202403311234567890"), .text("10001234"), .text("/")]),
            // 45380.75 = 2024-03-29 18:00:00.
            (19, [.number("45380.75"), .text("微信红包"), .text("妈妈"), .text("/"), .text("收入"), .number("200"),
                  .text("/"), .text("已存入零钱"), .inline("1000039901202403291234567890")]),
            (20, [.text("2024-03-20 09:00:00"), .text("信用卡还款"), .text("招商银行"), .text("/"), .text("/"), .number("500.5"),
                  .text("零钱"), .text("支付成功"), .text("1000050001202403201234567890"), .text("/"), .text("/")]),
        ]
    }

    private func read(_ path: String) -> RecordingDelegate {
        let delegate = RecordingDelegate()
        let reader = ExportReader()
        let cursor = ZipMemberCursor()
        for task in reader.plan(InputDiscovery().discover([path]).files, skipped: { delegate.reader(didSkip: $0, reason: $1) }) {
            reader.read(task, cursor: cursor, delegate: delegate)
        }
        return delegate
    }

    func testWeChatPayWorkbookIsReadAsOneDocumentWithTheCSVsSource() throws {
        let path = try writeWorkbook("微信支付账单流水文件(20240101-20240331).xlsx", weChatRows)
        let delegate = read(path)
        XCTAssertEqual(delegate.skipped.map(\.0), [], "the workbook is not opened as an archive of parts")
        XCTAssertEqual(delegate.inputs.map(\.source), ["bank.wechatpay_xlsx"])
        XCTAssertEqual(delegate.inputs.first?.errors, [])
        XCTAssertEqual(delegate.inputs.first?.warnings, [])
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.map(\.source), ["bank.wechatpay", "bank.wechatpay", "bank.wechatpay"])
        XCTAssertEqual(events.map { $0.amount?.description }, ["-12.50 CNY", "200.00 CNY", "-500.50 CNY"])
        XCTAssertEqual(events.map { $0.time?.iso8601 }, ["2024-03-31T12:10:05+08:00", "2024-03-29T18:00:00+08:00", "2024-03-20T09:00:00+08:00"])
        XCTAssertEqual(events[0].text, "生椰拿铁 · 商户消费")
        XCTAssertEqual(events[1].counterparty, "妈妈")
        XCTAssertEqual(events.map(\.position), [.line(18), .line(19), .line(20)], "positions are the sheet's row numbers")
    }

    func testWorkbookThatIsNotABillIsStillOpenedAsAnArchive() throws {
        let path = try writeWorkbook("people.xlsx", [(1, [.text("Name"), .text("City")]), (2, [.text("Alice"), .text("Paris")])])
        let probe = FileProbe(path: path, head: Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(FileProbe.headLength)),
                              size: nil, diskPath: path)
        XCTAssertNil(WeChatPayWorkbookImporter().detect(probe))
        let delegate = read(path)
        XCTAssertTrue(delegate.inputs.allSatisfy { $0.source != "bank.wechatpay_xlsx" })
        XCTAssertTrue(delegate.skipped.contains { $0.0.hasSuffix("!xl/sharedStrings.xml") }, "\(delegate.skipped)")
    }

    func testSharedStringIndexOutsideTheTableIsAClearError() throws {
        var rows = weChatRows
        rows.append((21, [.text("2024-03-19 09:00:00")]))
        let path = try writeWorkbook("bill.xlsx", rows)
        // Rewrite the sheet so that row 21 points past the strings table.
        let archive = try XCTUnwrap(Archive(url: URL(fileURLWithPath: path), accessMode: .update))
        let sheetEntry = try XCTUnwrap(archive["xl/worksheets/sheet1.xml"])
        var sheet = Data()
        _ = try archive.extract(sheetEntry) { sheet.append($0) }
        let broken = Data(String(decoding: sheet, as: UTF8.self)
            .replacingOccurrences(of: #"<row r="21"><c r="A21" t="s"><v>"#, with: #"<row r="21"><c r="A21" t="s"><v>9999"#).utf8)
        try archive.remove(sheetEntry)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(broken.count), compressionMethod: .deflate) { p, s in
            broken.subdata(in: Int(p)..<Int(p) + s)
        }
        let delegate = read(path)
        XCTAssertEqual(delegate.events.count, 3, "the rows before the bad one are read")
        XCTAssertEqual(delegate.inputs.first?.errors, ["row 21 points to a shared string the workbook does not have"])
    }

    func testColumnReferences() {
        XCTAssertEqual(XLSXSheetReader.columnIndex(Array("A1".utf8)[...]), 0)
        XCTAssertEqual(XLSXSheetReader.columnIndex(Array("K17".utf8)[...]), 10)
        XCTAssertEqual(XLSXSheetReader.columnIndex(Array("AA3".utf8)[...]), 26)
        XCTAssertNil(XLSXSheetReader.columnIndex(Array("17".utf8)[...]))
    }
}
