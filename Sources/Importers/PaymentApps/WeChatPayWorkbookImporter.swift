import StewardCore
import Formats

/// WeChat Pay bill as an Excel workbook (.xlsx), as newer exports arrive: the same preamble,
/// header and rows as the CSV (`WeChatPayBillImporter`), in the first worksheet. Read from
/// disk as one document, since a sheet's text lives in the workbook's shared strings
/// (docs/formats/payment-apps.md); its records carry the CSV's source, `bank.wechatpay`.
public struct WeChatPayWorkbookImporter: PathReadingImporter {
    public let id = "bank.wechatpay_xlsx"
    public let title = "WeChat Pay bill workbook (微信支付账单明细 .xlsx)"
    public let howToRequest = """
        As for the CSV: in WeChat, 我 → 服务 → 钱包 → 账单 → 常见问题 → 下载账单 → 用于个人对账. \
        When the e-mailed zip holds an .xlsx, unzip it with the password WeChat sends and scan the \
        workbook as it is (微信支付账单流水文件(….).xlsx).
        """
    public var reasonInsideArchive: String { "WeChat Pay bill workbook inside an archive: extract the .xlsx first" }

    public init() {}

    /// The workbook's shared strings hold the sheet's title and header names, in the order they
    /// first appear: the title and the header are within the first 64 KiB.
    static let detectionBytes = 64 * 1024

    public func detect(_ probe: FileProbe) -> Detection? {
        guard XLSXSheetReader.looksLikeWorkbook(probe.head), let diskPath = probe.diskPath else { return nil }
        let reader = XLSXSheetReader(diskPath: diskPath, displayPath: probe.path)
        guard let head = try? reader.sharedStringsHead(limit: Self.detectionBytes) else { return nil }
        let text = String(decoding: head, as: UTF8.self)
        guard text.contains("交易单号"), text.contains("商户单号"), text.contains("收/支") else { return nil }
        return Detection(confidence: 0.95, reason: "Excel workbook whose strings hold WeChat Pay's bill header (交易单号, 商户单号, 收/支)")
    }

    public func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError) {
        var table = PaymentAppBillTable(app: .wechatPay)
        table.isWorkbook = true
        var problem: ParseError?
        try XLSXSheetReader(diskPath: diskPath, displayPath: probe.path).forEachRow { row, cells in
            do throws(ParseError) {
                if cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return true }
                try table.take(cells.count, at: .line(row), into: sink) { cells[$0] }
                return true
            } catch {
                problem = error
                return false
            }
        }
        if let problem { throw problem }
        try table.finish(into: sink)
    }
}
