import StewardCore

/// Alipay (支付宝) transaction statement CSV, in the app's current layout (交易时间, 交易分类 …
/// 交易订单号) and the older web layout (交易号, 交易创建时间 … 资金状态): recognized by its
/// header row, GBK/GB18030 or UTF-8 (docs/formats/payment-apps.md).
public struct AlipayBillImporter: Importer {
    public let id = PaymentApp.alipay.sourceID
    public let title = "Alipay transaction statement CSV (支付宝交易明细)"
    public let howToRequest = """
        In the Alipay app: 我的 → 账单 → … (top right) → 开具交易流水证明 → 用于个人对账 → choose \
        the period and an e-mail address → 申请. Alipay e-mails a zip protected by a password shown \
        in the app; unzip it and scan the CSV (支付宝交易明细(….).csv). Older web exports \
        (支付宝交易记录明细查询, alipay_record_….csv) are read as well.
        """

    public init() {}

    public func detect(_ probe: FileProbe) -> Detection? {
        let isComplete = probe.size.map { $0 <= Int64(probe.head.count) } ?? false
        guard let found = PaymentAppBillLayout.find(in: probe.head[...], isComplete: isComplete),
              found.layout.app == .alipay else { return nil }
        let layout = found.layout.column(.createdTime) != nil ? "older web layout" : "app layout"
        return Detection(confidence: 0.95, reason: "Alipay bill header (交易对方, 收/支, 商家订单号; \(layout)) on line \(found.headerLine), \(found.encoding.rawValue)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        let isComplete = probe.size.map { $0 <= Int64(probe.head.count) } ?? false
        let encoding = PaymentAppBillLayout.find(in: probe.head[...], isComplete: isComplete)?.encoding ?? .gb18030
        return PaymentAppBillParser(app: .alipay, encoding: encoding)
    }
}
