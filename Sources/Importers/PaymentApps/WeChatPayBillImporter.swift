import StewardCore

/// WeChat Pay (微信支付) bill CSV: a preamble of account lines, then 交易时间, 交易类型, 交易对方,
/// 商品, 收/支, 金额(元) … 交易单号, 商户单号; recognized by that header row
/// (docs/formats/payment-apps.md). The .xlsx form is `WeChatPayWorkbookImporter`'s.
public struct WeChatPayBillImporter: Importer {
    public let id = PaymentApp.wechatPay.sourceID
    public let title = "WeChat Pay bill CSV (微信支付账单明细)"
    public let howToRequest = """
        In WeChat: 我 → 服务 → 钱包 → 账单 → 常见问题 → 下载账单 → 用于个人对账 → choose the \
        period and an e-mail address. WeChat e-mails a zip protected by a password sent in a \
        WeChat message; unzip it and scan the CSV (微信支付账单(….).csv) or the .xlsx it holds.
        """

    public init() {}

    public func detect(_ probe: FileProbe) -> Detection? {
        let isComplete = probe.size.map { $0 <= Int64(probe.head.count) } ?? false
        guard let found = PaymentAppBillLayout.find(in: probe.head[...], isComplete: isComplete),
              found.layout.app == .wechatPay else { return nil }
        return Detection(confidence: 0.95, reason: "WeChat Pay bill header (交易对方, 收/支, 交易单号, 商户单号) on line \(found.headerLine), \(found.encoding.rawValue)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        let isComplete = probe.size.map { $0 <= Int64(probe.head.count) } ?? false
        let encoding = PaymentAppBillLayout.find(in: probe.head[...], isComplete: isComplete)?.encoding ?? .utf8
        return PaymentAppBillParser(app: .wechatPay, encoding: encoding)
    }
}
