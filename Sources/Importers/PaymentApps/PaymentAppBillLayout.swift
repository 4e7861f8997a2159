import StewardCore
import Formats

/// What a column of a payment-app bill holds.
enum PaymentAppBillColumn: Int, CaseIterable, Sendable {
    /// `交易时间` (new Alipay, WeChat) or `付款时间` (old Alipay: empty for unpaid trades).
    case time
    /// Old Alipay `交易创建时间`: the time when no payment time is written.
    case createdTime
    /// `交易分类` (new Alipay: 餐饮美食, 信用借还 …), `类型` (old Alipay), `交易类型` (WeChat: 商户消费, 转账 …).
    case category
    case counterparty
    /// `商品说明` (new Alipay), `商品名称` (old Alipay), `商品` (WeChat).
    case item
    /// `收/支`: 收入, 支出, or neutral (不计收支, `/`, empty).
    case direction
    case amount
    case status
    /// Old Alipay `成功退款（元）`: the part of the amount refunded.
    case refunded
    /// Old Alipay `资金状态` (已支出, 已收入, 资金转移): the direction when `收/支` is empty.
    case fundsState
}

/// The columns of one bill's header row, recognized by name so that the column order of
/// each layout (old and new Alipay, WeChat Pay; docs/formats/payment-apps.md) does not matter.
struct PaymentAppBillLayout: Sendable, Equatable {
    var app: PaymentApp
    /// Column index per `PaymentAppBillColumn.rawValue` (-1: absent).
    var columns: [Int]
    /// Columns up to the last named one: a row with fewer fields was cut.
    var width: Int

    func column(_ c: PaymentAppBillColumn) -> Int? {
        let k = columns[c.rawValue]
        return k >= 0 ? k : nil
    }

    /// Header names per column, compared after `BankCSVHeaderVocabulary.normalize` (which
    /// drops `（元）`/`(元)` and trims the padding spaces the old Alipay layout writes).
    static let names: [(PaymentAppBillColumn, [String])] = [
        (.time, ["交易时间", "付款时间"]),
        (.createdTime, ["交易创建时间"]),
        (.category, ["交易分类", "交易类型", "类型"]),
        (.counterparty, ["交易对方"]),
        (.item, ["商品说明", "商品名称", "商品"]),
        (.direction, ["收/支"]),
        (.amount, ["金额"]),
        (.status, ["交易状态", "当前状态"]),
        (.refunded, ["成功退款"]),
        (.fundsState, ["资金状态"]),
    ]

    /// The layout of a header row, or nil when `names` (already decoded) is not one. Alipay's
    /// layouts carry `交易号`/`交易订单号` with `商家订单号`; WeChat Pay's `交易单号` with `商户单号`.
    init?(header raw: [String]) {
        let names = raw.map { BankCSVHeaderVocabulary.normalize($0.replacingOccurrences(of: "\u{FEFF}", with: "")).name }
        let set = Set(names)
        if set.contains("商家订单号") && (set.contains("交易订单号") || set.contains("交易号")) {
            app = .alipay
        } else if set.contains("交易单号") && set.contains("商户单号") {
            app = .wechatPay
        } else {
            return nil
        }
        var columns = [Int](repeating: -1, count: PaymentAppBillColumn.allCases.count)
        for (column, synonyms) in Self.names {
            for synonym in synonyms {
                if let k = names.firstIndex(of: synonym), !columns.contains(k) { columns[column.rawValue] = k; break }
            }
        }
        self.columns = columns
        self.width = (names.lastIndex(where: { !$0.isEmpty }) ?? 0) + 1
        guard column(.amount) != nil, column(.direction) != nil, column(.counterparty) != nil,
              column(.time) != nil || column(.createdTime) != nil else { return nil }
    }

    /// Records before the header: Alipay's newest layout has about 24 lines of account
    /// information and notes, WeChat Pay's about 16; a file without the header by then is
    /// not a bill.
    static let maxRowsBeforeHeader = 60

    /// What detection found in the head of a file.
    struct Found: Sendable {
        var layout: PaymentAppBillLayout
        var encoding: TextEncoding
        /// Line of the header row.
        var headerLine: Int
    }

    /// The bill layout in the first bytes of a file, or nil. Text that is not UTF-8 is read as
    /// GB18030 (a superset of GBK), the only other encoding these apps write; UTF-16 is not
    /// theirs. Cheap for other files: a head without `收/支` in either encoding is passed over.
    static func find(in head: ArraySlice<UInt8>, isComplete: Bool) -> Found? {
        guard containsDirectionHeader(head) else { return nil }
        var (encoding, bomLength) = TextDecoding.sniff(head)
        switch encoding {
        case .utf16LE, .utf16BE: return nil
        case .utf8: break
        default: encoding = .gb18030
        }
        let records = BankCSVDialect.sampleRecords(Array(head.dropFirst(bomLength)), delimiter: 0x2C, isComplete: isComplete)
        for record in records.prefix(maxRowsBeforeHeader + 1) where record.count >= 4 && record.problem == nil {
            let names = (0..<record.count).map { TextDecoding.decode(record[$0], as: encoding) }
            if let layout = PaymentAppBillLayout(header: names) {
                return Found(layout: layout, encoding: encoding, headerLine: record.line)
            }
        }
        return nil
    }

    /// `收/支` as UTF-8 (E6 94 B6 2F E6 94 AF) or GBK (CA D5 2F D6 A7).
    private static let directionHeaders: [[UInt8]] = [[0xE6, 0x94, 0xB6, 0x2F, 0xE6, 0x94, 0xAF], [0xCA, 0xD5, 0x2F, 0xD6, 0xA7]]

    /// Asked of every file a scan sniffs: the shared memchr search (`ByteSearch`), not a loop
    /// over the head's bytes (1.3 % of a GPX folder's reading thread, docs/performance.md).
    static func containsDirectionHeader(_ head: ArraySlice<UInt8>) -> Bool {
        directionHeaders.contains { ByteSearch.contains(head, $0) }
    }
}
