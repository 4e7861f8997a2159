/// The Chinese payment apps whose bill exports steward reads (docs/formats/payment-apps.md).
public enum PaymentApp: String, Sendable, CaseIterable {
    case alipay, wechatPay

    /// The source id of its records. Under `bank.` because a payment app's bill is the
    /// statement of a payment account: every rule that reads bank statements (`bank.*`)
    /// reads it, and duplicates across two downloads of it are counted once.
    public var sourceID: String {
        switch self {
        case .alipay: return "bank.alipay"
        case .wechatPay: return "bank.wechatpay"
        }
    }

    var name: String {
        switch self {
        case .alipay: return "Alipay"
        case .wechatPay: return "WeChat Pay"
        }
    }
}
