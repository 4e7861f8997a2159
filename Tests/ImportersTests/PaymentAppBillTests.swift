import XCTest
@testable import Importers
@testable import StewardCore
@testable import Formats

/// Alipay and WeChat Pay bill CSVs (docs/formats/payment-apps.md), in the layouts the apps
/// write: fixtures written for these tests, Alipay's as GBK bytes.
final class PaymentAppBillTests: XCTestCase {
    /// Alipay app export ("用于个人对账"): notes above the header, `不计收支` rows, a closed trade.
    static let alipayAppLayout = """
        ------------------------------------------------------------------------------------
        导出信息：
        姓名：李明
        支付宝账户：lm***@example.com
        起始时间：[2024-01-01 00:00:00]    终止时间：[2024-03-31 23:59:59]
        导出交易类型：[全部]
        导出时间：[2024-04-02 09:15:22]
        共6笔记录
        收入：1笔 8500.00元
        支出：3笔 146.30元
        不计收支：2笔 1212.00元

        特别提示：
        1.本回单内容可表明支付宝受理了该笔业务，不代表实际到账情况，请以实际到账为准。
        2.本回单仅供个人对账使用。

        ------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------
        交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,
        2024-03-30 12:41:07,餐饮美食,兰州拉面馆,/,扫码付款,支出,28.00,花呗,交易成功,2024033022001412345678901234\t,2024033012410700001\t,,
        2024-03-28 20:02:55,日用百货,便利蜂,bl***@example.com,日用品,支出,18.30,余额宝,交易关闭,2024032822001412345678901235\t,T20240328000987\t,,
        2024-03-25 09:00:00,信用借还,花呗,/,花呗主动还款-2024年03月账单,不计收支,1200.00,招商银行储蓄卡(1234),还款成功,2024032522001412345678901236\t,,,
        2024-03-20 15:33:10,退款,便利蜂,bl***@example.com,退款-日用品,不计收支,12.00,余额宝,退款成功,2024032022001412345678901237_1\t,,,
        2024-03-10 10:00:00,转账红包,张伟,138****0000,转账,收入,8500.00,余额,交易成功,2024031022001412345678901238\t,,房租分摊,
        2024-02-14 19:20:00,医疗健康,仁和大药房,/,药品,支出,100.00,招商银行储蓄卡(1234),交易成功,2024021422001412345678901239\t,,,

        """

    /// The older web export (支付宝交易记录明细查询): padded columns, `资金状态`, a footer.
    static let alipayWebLayout = """
        支付宝交易记录明细查询
        账号:[lm***@example.com]
        起始日期:[2019-01-01 00:00:00]    终止日期:[2019-02-01 00:00:00]
        ---------------------------------交易记录明细列表------------------------------------
        交易号                  ,商家订单号               ,交易创建时间              ,付款时间                ,最近修改时间              ,交易来源地     ,类型              ,交易对方            ,商品名称                ,金额（元）   ,收/支     ,交易状态    ,服务费（元）   ,成功退款（元）  ,备注                  ,资金状态     ,
        2019012822001400001\t,T200P00001\t,2019-01-28 20:11:14 ,2019-01-28 20:11:15 ,2019-01-28 20:11:15 ,其他（包括阿里巴巴和外部商家）,即时到账交易          ,博库书城            ,图书两本                ,58.00   ,支出      ,交易成功    ,0.00     ,20.00     ,                    ,已支出      ,
        2019012522001400002\t,\t,2019-01-25 08:00:00 ,2019-01-25 08:00:01 ,2019-01-25 08:00:01 ,支付宝网站     ,即时到账交易          ,王芳            ,还钱                ,300.00   ,          ,交易成功    ,0.00     ,0.00     ,                    ,已收入      ,
        2019012022001400003\t,T200P00003\t,2019-01-20 10:00:00 ,                    ,2019-01-20 10:30:00 ,淘宝     ,支付宝担保交易          ,运动旗舰店            ,跑鞋                ,299.00   ,支出      ,交易关闭    ,0.00     ,0.00     ,                    ,            ,
        ------------------------------------------------------------------------------------
        共3笔记录
        已收入:1笔,300.00元
        待收入:0笔,0.00元
        已支出:1笔,58.00元
        待支出:0笔,0.00元
        导出时间:[2019-02-01 10:00:00]

        """

    /// WeChat Pay ("用于个人对账"): BOM, preamble padded with commas, `¥` amounts, a refund pair.
    static let weChatPay = """
        \u{FEFF}微信支付账单明细,,,,,,,,
        微信昵称：[小明],,,,,,,,
        起始时间：[2024-01-01 00:00:00] 终止时间：[2024-03-31 23:59:59],,,,,,,,
        导出类型：[全部],,,,,,,,
        导出时间：[2024-04-01 08:30:12],,,,,,,,
        ,,,,,,,,
        共5笔记录,,,,,,,,
        收入：2笔 250.00元,,,,,,,,
        支出：2笔 62.50元,,,,,,,,
        中性交易：1笔 500.00元,,,,,,,,
        注：,,,,,,,,
        1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易,,,,,,,,
        2. 本明细仅展示当前账单中的交易，不包括已删除的记录,,,,,,,,
        3. 本明细仅供个人对账使用,,,,,,,,
        ,,,,,,,,
        ----------------------微信支付账单明细列表--------------------,,,,,,,,
        交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注
        2024-03-31 12:10:05,商户消费,瑞幸咖啡,"生椰拿铁",支出,¥12.50,零钱,支付成功,4200002001202403311234567890\t,10001234\t,"/"
        2024-03-29 18:00:00,微信红包,妈妈,"/",收入,¥200.00,/,已存入零钱,1000039901202403291234567890\t,/\t,"/"
        2024-03-20 09:00:00,信用卡还款,招商银行,"/",/,¥500.00,零钱,支付成功,1000050001202403201234567890\t,/\t,"/"
        2024-03-15 20:15:00,商户消费,美团外卖,"晚餐 外卖订单",支出,¥50.00,招商银行(1234),已全额退款,4200002001202403151234567890\t,20001234\t,"/"
        2024-03-15 20:40:00,美团外卖-退款,美团外卖,"/",收入,¥50.00,招商银行(1234),已全额退款,50300001202403151234567890\t,20001234\t,"/"

        """

    static func gbk(_ text: String) throws -> [UInt8] {
        try XCTUnwrap(text.data(using: LegacyCJKDecoding.gb18030)).map { $0 }
    }

    private func probe(_ name: String, _ bytes: [UInt8]) -> FileProbe {
        FileProbe(path: "exports/" + name, head: Array(bytes.prefix(FileProbe.headLength)), size: Int64(bytes.count))
    }

    private func parse(_ importer: any Importer, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        let p = probe("bill.csv", bytes)
        return try parseAtAllChunkSizes({ importer.makeParser(for: p) }, bytes, file: file, line: line)
    }

    func testAlipayAppLayoutInGBKSignsByDirectionAndDropsClosedTradesAndNeutralRefunds() throws {
        let bytes = try Self.gbk(Self.alipayAppLayout)
        XCTAssertFalse(TextDecoding.isValidUTF8(bytes), "GBK bytes, not UTF-8")
        let r = try parse(AlipayBillImporter(), bytes)
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount }, [
            Money(units: -2800, scale: 2, currency: "CNY"),
            Money(units: -120_000, scale: 2, currency: "CNY"),
            Money(units: 850_000, scale: 2, currency: "CNY"),
            Money(units: -10000, scale: 2, currency: "CNY"),
        ])
        let noodles = r.events[0]
        XCTAssertEqual(noodles.source, "bank.alipay")
        XCTAssertEqual(noodles.kind, .transaction)
        XCTAssertEqual(noodles.time?.iso8601, "2024-03-30T12:41:07+08:00")
        XCTAssertEqual(noodles.counterparty, "兰州拉面馆")
        XCTAssertEqual(noodles.text, "扫码付款 · 餐饮美食")
        XCTAssertEqual(noodles.code, "餐饮美食")
        XCTAssertEqual(r.events[1].text, "花呗主动还款-2024年03月账单 · 信用借还", "a 不计收支 repayment is read as money out")
        XCTAssertEqual(r.events[3].position, .line(24))
        XCTAssertEqual(r.issues, [
            "1 row in which no money moved (closed or failed trades, returned transfers, deposit-free orders: 交易关闭, 对方已退还 …) was not read",
            "1 refund marked 不计收支 was not read: the payment refunded is listed as closed (refunded in full) or keeps its full amount (refunded in part)",
        ])
    }

    func testAlipayOlderWebLayoutUsesPaymentTimeFundsStateAndRefundedAmount() throws {
        let r = try parse(AlipayBillImporter(), try Self.gbk(Self.alipayWebLayout))
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.count, 2)
        let books = r.events[0]
        XCTAssertEqual(books.amount, Money(units: -3800, scale: 2, currency: "CNY"), "58.00 paid, 20.00 refunded")
        XCTAssertEqual(books.time?.iso8601, "2019-01-28T20:11:15+08:00", "付款时间, not 交易创建时间")
        XCTAssertEqual(books.counterparty, "博库书城")
        XCTAssertEqual(books.text, "图书两本 · 即时到账交易")
        XCTAssertEqual(r.events[1].amount, Money(units: 30000, scale: 2, currency: "CNY"), "empty 收/支, 资金状态 已收入")
        XCTAssertEqual(r.issues, ["1 row in which no money moved (closed or failed trades, returned transfers, deposit-free orders: 交易关闭, 对方已退还 …) was not read"],
                       "the footer's 共3笔记录 matches the three rows")
    }

    /// An intermediate Alipay layout put `收/支` first and `交易时间` last: columns are found by name.
    func testAlipayColumnsAreFoundByNameInAnyOrder() throws {
        let bill = """
            收/支,交易对方,对方账号,商品说明,收/付款方式,金额,交易状态,交易分类,交易订单号,商家订单号,交易时间,
            支出,兰州拉面馆,/,扫码付款,花呗,28.00,交易成功,餐饮美食,2024033022001412345678901234\t,2024033012410700001\t,2024-03-30 12:41:07,

            """
        let r = try parse(AlipayBillImporter(), try Self.gbk(bill))
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.events.map(describe), ["bank.alipay | transaction | 2024-03-30T12:41:07+08:00 | 扫码付款 · 餐饮美食 | 兰州拉面馆 | -28.00 CNY | - | 餐饮美食 | line 2"])
    }

    /// 余额宝 interest is marked 不计收支 like the transfers into 余额宝, but it is money in.
    func testAlipayInterestIsMoneyInAndTransfersIntoSavingsAreMoneyOut() throws {
        let bill = """
            交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,
            2024-03-30 04:10:00,投资理财,余额宝,/,余额宝-2024.03.29-收益发放,不计收支,0.85,余额宝,交易成功,20240330000000001\t,,,
            2024-03-29 09:00:00,投资理财,余额宝,/,余额宝-自动转入,不计收支,500.00,余额,交易成功,20240329000000002\t,,,

            """
        let r = try parse(AlipayBillImporter(), try Self.gbk(bill))
        XCTAssertEqual(r.events.map { $0.amount?.description }, ["0.85 CNY", "-500.00 CNY"])
    }

    func testAlipayInUTF8IsReadAlike() throws {
        let gbk = try parse(AlipayBillImporter(), try Self.gbk(Self.alipayAppLayout))
        let utf8 = try parse(AlipayBillImporter(), Array(Self.alipayAppLayout.utf8))
        XCTAssertEqual(utf8.events.map(describe), gbk.events.map(describe))
    }

    func testWeChatPayWithBOMReadsYuanAmountsAndNeutralRowsAsMoneyOut() throws {
        let r = try parse(WeChatPayBillImporter(), Array(Self.weChatPay.utf8))
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.events.map { $0.amount?.description }, ["-12.50 CNY", "200.00 CNY", "-500.00 CNY", "-50.00 CNY", "50.00 CNY"])
        let coffee = r.events[0]
        XCTAssertEqual(coffee.source, "bank.wechatpay")
        XCTAssertEqual(coffee.time?.iso8601, "2024-03-31T12:10:05+08:00")
        XCTAssertEqual(coffee.counterparty, "瑞幸咖啡")
        XCTAssertEqual(coffee.text, "生椰拿铁 · 商户消费")
        XCTAssertEqual(coffee.position, .line(18))
        XCTAssertEqual(r.events[1].text, "微信红包", "`/` in 商品 is no text")
        XCTAssertEqual(r.events[2].text, "信用卡还款")
    }

    /// Amounts of a thousand yuan or more carry a grouping comma inside quotes; a transfer the
    /// other side sent back (对方已退还) moved no money and has no row for the return; a
    /// withdrawal to a card (收/支 `/`) is money out.
    func testWeChatPayGroupedAmountsReturnedTransfersAndWithdrawals() throws {
        let bill = """
            交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注
            2024-02-01 10:00:00,转账,房东,"/",支出,"¥1,200.00",招商银行(1234),对方已收钱,1000050001202402011234567890\t,/\t,"/"
            2024-02-02 10:00:00,转账,张伟,"/",支出,¥300.00,零钱,对方已退还,1000050001202402021234567890\t,/\t,"/"
            2024-02-03 10:00:00,零钱提现,招商银行(1234),"/",/,¥50.00,零钱,提现已到账,1000050001202402031234567890\t,/\t,"/"

            """
        let r = try parse(WeChatPayBillImporter(), Array(bill.utf8))
        XCTAssertEqual(r.events.map { $0.amount?.description }, ["-1200.00 CNY", "-50.00 CNY"], "a withdrawal (neutral) is money out")
        XCTAssertEqual(r.issues, ["1 row in which no money moved (closed or failed trades, returned transfers, deposit-free orders: 交易关闭, 对方已退还 …) was not read"])
    }

    func testCutFileKeepsCompleteRowsAndReportsTheRest() throws {
        let bytes = try Self.gbk(Self.alipayAppLayout)
        let marker = try Self.gbk("2024-03-10 10:00:00,转账红包,张伟")
        let start = try XCTUnwrap(bytes.indices.first { bytes[$0...].starts(with: marker) })
        let r = try parse(AlipayBillImporter(), Array(bytes[..<(start + marker.count)]))
        XCTAssertEqual(r.events.map { $0.amount?.description }, ["-28.00 CNY", "-1200.00 CNY"])
        XCTAssertEqual(r.skipped, 1)
        XCTAssertEqual(r.issues.filter { $0.hasPrefix("line 23:") }, ["line 23: expected 12 columns, found 3 (row cut short?)"])
        XCTAssertTrue(r.issues.contains("the bill says it holds 6 records (共6笔记录), 5 rows were found: the file may be cut short or edited"),
                      r.issues.joined(separator: "\n"))
    }

    /// Cut anywhere, a bill yields only rows it holds in full: the events are the first events
    /// of the whole file, never a row with a cut amount or time.
    func testEveryCutPointYieldsOnlyWholeRows() throws {
        for (importer, bytes) in [(AlipayBillImporter() as any Importer, try Self.gbk(Self.alipayAppLayout)),
                                  (WeChatPayBillImporter(), Array(Self.weChatPay.utf8))] {
            func events(_ bytes: [UInt8]) -> [String]? {
                var parser = importer.makeParser(for: probe("bill.csv", bytes))
                let collector = EventCollector()
                do { try parser.parseAll(bytes, into: collector.sink) } catch { return nil }
                return collector.events.map(describe)
            }
            let whole = try XCTUnwrap(events(bytes))
            var cutsAfterHeader = 0
            for cut in 0..<bytes.count {
                guard let read = events(Array(bytes[..<cut])) else { continue } // cut before the header ends
                cutsAfterHeader += 1
                XCTAssertEqual(read, Array(whole.prefix(read.count)), "\(importer.id) cut at byte \(cut)")
            }
            XCTAssertGreaterThan(cutsAfterHeader, 100, importer.id)
        }
    }

    func testDetectedByContentEvenRenamedAndAheadOfTheBankCSVImporter() throws {
        let alipay = probe("download(3).txt", try Self.gbk(Self.alipayAppLayout))
        guard case .success(let a) = ImporterRegistry.detect(alipay) else { return XCTFail("Alipay bill not recognized") }
        XCTAssertEqual(a.importer.id, "bank.alipay")
        XCTAssertEqual(a.detection.confidence, 0.95, accuracy: 0.001)
        XCTAssertTrue(a.detection.reason.contains("line 18") && a.detection.reason.contains("GB18030"), a.detection.reason)
        let old = probe("export", try Self.gbk(Self.alipayWebLayout))
        XCTAssertTrue(AlipayBillImporter().detect(old)?.reason.contains("older web layout") ?? false)
        let wechat = probe("bill", Array(Self.weChatPay.utf8))
        guard case .success(let w) = ImporterRegistry.detect(wechat) else { return XCTFail("WeChat Pay bill not recognized") }
        XCTAssertEqual(w.importer.id, "bank.wechatpay")
        XCTAssertNil(AlipayBillImporter().detect(wechat))
        XCTAssertNil(WeChatPayBillImporter().detect(alipay))
    }

    /// A Chinese bank statement has `交易时间` and `收/支` but no payment-app order numbers: it
    /// stays the bank CSV importer's.
    func testChineseBankCSVWithoutOrderNumbersIsNotAPaymentAppBill() throws {
        let bytes = try Self.gbk("交易时间,交易分类,交易对方,商品说明,收/支,金额（元）,交易状态\n2023-03-01 12:00:05,餐饮美食,肯德基,午餐,支出,35.50,交易成功\n")
        let p = probe("mingxi.csv", bytes)
        XCTAssertNil(AlipayBillImporter().detect(p))
        XCTAssertNil(WeChatPayBillImporter().detect(p))
        guard case .success(let hit) = ImporterRegistry.detect(p) else { return XCTFail("not recognized") }
        XCTAssertEqual(hit.importer.id, "bank.csv")
    }

    func testFileWithoutHeaderIsAClearError() {
        var parser = PaymentAppBillParser(app: .wechatPay, encoding: .utf8)
        let collector = EventCollector()
        let notes = String(repeating: "注：本明细仅供个人对账使用,,,\n", count: 70)
        XCTAssertThrowsError(try parser.parseAll(Array(notes.utf8), into: collector.sink)) { error in
            XCTAssertEqual((error as? ParseError)?.message, "no WeChat Pay bill header row (交易对方, 收/支, 金额 …) in the first 60 rows")
        }
    }
}
