import Foundation
import StewardCore

/// Statement layouts of French, Spanish, Russian and Chinese banks and payment apps, as people
/// there download them (docs/personas.md, docs/formats/bank.md, docs/formats/payment-apps.md).
extension PersonaExportWriter {
    /// A Société Générale-style download: the account on the first line, a blank line, then
    /// `Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise`,
    /// DD/MM/YYYY, `-1234,56`, Windows-1252.
    func writeFrenchCSV(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        var text = "=\"00050123456\";Compte Bancaire;\(persona.displayName.uppercased());\r\n\r\n"
        text += "Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise\r\n"
        try out.write(bytes: windows1252(text))
        for e in entries {
            let date = "\(two(e.day.day))/\(two(e.day.month))/\(e.day.year)"
            let label: String
            if e.pence > 0 {
                label = "VIR RECU \(e.text)"
            } else if e.mcc != nil {
                label = "CARTE X4821 \(two(e.day.day))/\(two(e.day.month)) \(e.text)"
            } else {
                label = "PRLV SEPA \(e.text)"
            }
            let cell = label.replacingOccurrences(of: ";", with: " ")
            try out.write(bytes: windows1252("\(date);\(cell);\(cell);\(decimalComma(e.pence, grouping: nil));EUR\r\n"))
        }
        try out.close()
        return out.bytesWritten
    }

    /// A Spanish bank's movements download: `Fecha Operación;Fecha Valor;Concepto;Importe;Saldo`,
    /// DD/MM/YYYY, `-1.234,56`, Windows-1252, with the account and period on lines above.
    func writeSpanishCSV(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        let first = entries.first.map { "\(two($0.day.day))/\(two($0.day.month))/\($0.day.year)" } ?? ""
        let last = entries.last.map { "\(two($0.day.day))/\(two($0.day.month))/\($0.day.year)" } ?? ""
        var text = "Cuenta;ES76 2100 0418 4502 0005 1332\r\n"
        text += "Movimientos entre;\(first);\(last)\r\n\r\n"
        text += "Fecha Operación;Fecha Valor;Concepto;Importe;Saldo\r\n"
        try out.write(bytes: windows1252(text))
        var balance: Int64 = 95_000
        for e in entries {
            balance += e.pence
            let date = "\(two(e.day.day))/\(two(e.day.month))/\(e.day.year)"
            let concept: String
            if e.pence > 0 {
                concept = "TRANSFERENCIA RECIBIDA \(e.text)"
            } else if e.mcc != nil {
                concept = "COMPRA TARJ. 4B12 \(e.text)"
            } else {
                concept = "RECIBO \(e.text)"
            }
            let cell = concept.replacingOccurrences(of: ";", with: " ")
            try out.write(bytes: windows1252("\(date);\(date);\(cell);\(decimalComma(e.pence, grouping: "."));\(decimalComma(balance, grouping: "."))\r\n"))
        }
        try out.close()
        return out.bytesWritten
    }

    /// A camt.053.001.02 statement (ISO 20022 XML) as German banks hand it out for an account:
    /// the account's IBAN, opening and closing balances, one booked `Ntry` per entry with its
    /// SEPA bank transaction code, the other party and the unstructured remittance text.
    func writeCAMT053(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        func date(_ e: Entry) -> String { "\(e.day.year)-\(two(e.day.month))-\(two(e.day.day))" }
        func amount(_ cents: Int64) -> String { yuan(abs(cents)) }
        let opening: Int64 = 420_000
        let closing = opening + entries.reduce(0) { $0 + $1.pence }
        let first = entries.first.map(date) ?? "\(persona.start.year)-\(two(persona.start.month))-01"
        let last = entries.last.map(date) ?? first
        let iban = "DE12500105175407324931"
        try out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <BkToCstmrStmt>
                <GrpHdr>
                  <MsgId>CAMT053\(persona.id.uppercased())20260301</MsgId>
                  <CreDtTm>2026-03-01T09:00:00+01:00</CreDtTm>
                </GrpHdr>
                <Stmt>
                  <Id>\(iban)-2026-001</Id>
                  <ElctrncSeqNb>1</ElctrncSeqNb>
                  <CreDtTm>2026-03-01T09:00:00+01:00</CreDtTm>
                  <FrToDt><FrDtTm>\(first)T00:00:00+01:00</FrDtTm><ToDtTm>\(last)T23:59:59+01:00</ToDtTm></FrToDt>
                  <Acct>
                    <Id><IBAN>\(iban)</IBAN></Id>
                    <Ccy>\(persona.currency)</Ccy>
                    <Ownr><Nm>\(xmlEscape(persona.displayName))</Nm></Ownr>
                    <Svcr><FinInstnId><BIC>INGDDEFFXXX</BIC></FinInstnId></Svcr>
                  </Acct>
                  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="\(persona.currency)">\(amount(opening))</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>\(first)</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="\(persona.currency)">\(amount(closing))</Amt><CdtDbtInd>\(closing < 0 ? "DBIT" : "CRDT")</CdtDbtInd><Dt><Dt>\(last)</Dt></Dt></Bal>

            """)
        for (i, e) in entries.enumerated() {
            let credit = e.pence > 0
            let (party, text) = Self.partyAndItem(e.text)
            let subFamily = text.lowercased().contains("zins") ? ("ACMT", "MDOP", "INTR") : credit ? ("PMNT", "RCDT", "ESCT") : ("PMNT", "ICDT", "STDO")
            try out.write("""
                      <Ntry>
                        <Amt Ccy="\(persona.currency)">\(amount(e.pence))</Amt>
                        <CdtDbtInd>\(credit ? "CRDT" : "DBIT")</CdtDbtInd>
                        <Sts>BOOK</Sts>
                        <BookgDt><Dt>\(date(e))</Dt></BookgDt>
                        <ValDt><Dt>\(date(e))</Dt></ValDt>
                        <AcctSvcrRef>\(persona.id.uppercased())\(String(format: "%08d", i + 1))</AcctSvcrRef>
                        <BkTxCd><Domn><Cd>\(subFamily.0)</Cd><Fmly><Cd>\(subFamily.1)</Cd><SubFmlyCd>\(subFamily.2)</SubFmlyCd></Fmly></Domn></BkTxCd>
                        <NtryDtls><TxDtls>
                          <RltdPties><\(credit ? "Dbtr" : "Cdtr")><Nm>\(xmlEscape(party))</Nm></\(credit ? "Dbtr" : "Cdtr")></RltdPties>
                          <RmtInf><Ustrd>\(xmlEscape(text == "/" ? party : text))</Ustrd></RmtInf>
                        </TxDtls></NtryDtls>
                      </Ntry>

                """)
        }
        try out.write("    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n")
        try out.close()
        return out.bytesWritten
    }

    /// A Russian bank's card statement as Tinkoff writes it: Windows-1251, `;`, every cell
    /// quoted, `DD.MM.YYYY HH:MM:SS`, decimal comma, status, category and MCC columns.
    func writeRussianCSV(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        let header = ["Дата операции", "Дата платежа", "Номер карты", "Статус", "Сумма операции", "Валюта операции",
                      "Сумма платежа", "Валюта платежа", "Кэшбэк", "Категория", "MCC", "Описание", "Бонусы (включая кэшбэк)"]
        try out.write(bytes: windows1251(header.map { "\"\($0)\"" }.joined(separator: ";") + "\r\n"))
        for e in entries {
            let day = "\(two(e.day.day)).\(two(e.day.month)).\(e.day.year)"
            let amount = decimalComma(e.pence, grouping: nil)
            let category = e.pence > 0 ? "Пополнения" : Self.russianCategory(e.mcc)
            let cells = ["\(day) \(two(e.hour)):\(two(e.minute)):00", day, e.mcc == nil ? "" : "*7731", "OK", amount, "RUB",
                         amount, "RUB", "", category, e.mcc.map(String.init) ?? "", e.text.replacingOccurrences(of: "\"", with: "\"\""), "0,00"]
            try out.write(bytes: windows1251(cells.map { "\"\($0)\"" }.joined(separator: ";") + "\r\n"))
        }
        try out.close()
        return out.bytesWritten
    }

    static func russianCategory(_ mcc: Int?) -> String {
        switch mcc {
        case 5411?, 5499?: return "Супермаркеты"
        case 5812?, 5814?: return "Рестораны"
        case 4111?, 4131?: return "Транспорт"
        case 5912?: return "Аптеки"
        case 5993?: return "Табак"
        case 5921?: return "Алкоголь"
        case 4814?, 4900?: return "Коммунальные услуги"
        case nil: return "Переводы"
        default: return "Другое"
        }
    }

    /// Alipay's transaction statement (app layout, 用于个人对账): GBK, the export details and
    /// totals above the table, every row ending in a comma, order numbers ending in a tab.
    /// An entry's text `merchant | item` gives 交易对方 and 商品说明.
    func writeAlipayCSV(_ entries: [Entry], to path: String) throws -> Int64 {
        let first = entries.first.map { "\($0.day.year)-\(two($0.day.month))-\(two($0.day.day)) 00:00:00" } ?? ""
        let last = entries.last.map { "\($0.day.year)-\(two($0.day.month))-\(two($0.day.day)) 23:59:59" } ?? ""
        let income = entries.filter { $0.pence > 0 }
        let spent = entries.filter { $0.pence < 0 }
        var text = "------------------------------------------------------------------------------------\r\n"
        text += "导出信息：\r\n姓名：\(persona.displayName)\r\n支付宝账户：wf***@example.com\r\n起始时间：[\(first)]    终止时间：[\(last)]\r\n"
        text += "导出交易类型：[全部]\r\n导出时间：[2026-03-01 09:00:00]\r\n共\(entries.count)笔记录\r\n"
        text += "收入：\(income.count)笔 \(yuan(income.reduce(0) { $0 + $1.pence }))元\r\n"
        text += "支出：\(spent.count)笔 \(yuan(-spent.reduce(0) { $0 + $1.pence }))元\r\n不计收支：0笔 0.00元\r\n\r\n"
        text += "特别提示：\r\n1.本回单内容可表明支付宝受理了该笔业务，不代表实际到账情况，请以实际到账为准。\r\n2.本回单仅供个人对账使用。\r\n\r\n"
        text += "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------\r\n"
        text += "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,\r\n"
        for (i, e) in entries.enumerated() {
            let (party, item) = Self.partyAndItem(e.text)
            let order = "\(e.day.year)\(two(e.day.month))\(two(e.day.day))2200141\(String(format: "%013d", i + 1))"
            text += "\(e.day.year)-\(two(e.day.month))-\(two(e.day.day)) \(two(e.hour)):\(two(e.minute)):00,"
            text += "\(e.pence > 0 ? "转账红包" : Self.chineseCategory(e.mcc)),\(party),/,\(item),\(e.pence > 0 ? "收入" : "支出"),"
            text += "\(yuan(abs(e.pence))),\(e.pence > 0 ? "余额" : ["花呗", "余额宝", "招商银行储蓄卡(8821)"][i % 3]),交易成功,\(order)\t,,,\r\n"
        }
        guard let bytes = text.data(using: String.Encoding(rawValue: 0x8000_0632)) else {
            throw PersonaError.cannotWrite(path, "text not representable in GB18030")
        }
        let out = try BufferedFileWriter(path: path)
        try out.write(bytes: [UInt8](bytes))
        try out.close()
        return out.bytesWritten
    }

    /// WeChat Pay's bill (用于个人对账): UTF-8 with a byte-order mark, preamble lines padded
    /// with commas, `¥` amounts, order numbers ending in a tab.
    func writeWeChatPayCSV(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        let first = entries.first.map { "\($0.day.year)-\(two($0.day.month))-\(two($0.day.day)) 00:00:00" } ?? ""
        let last = entries.last.map { "\($0.day.year)-\(two($0.day.month))-\(two($0.day.day)) 23:59:59" } ?? ""
        let income = entries.filter { $0.pence > 0 }
        let spent = entries.filter { $0.pence < 0 }
        var text = "\u{FEFF}微信支付账单明细,,,,,,,,\r\n微信昵称：[\(persona.displayName)],,,,,,,,\r\n"
        text += "起始时间：[\(first)] 终止时间：[\(last)],,,,,,,,\r\n导出类型：[全部],,,,,,,,\r\n导出时间：[2026-03-01 09:00:00],,,,,,,,\r\n,,,,,,,,\r\n"
        text += "共\(entries.count)笔记录,,,,,,,,\r\n收入：\(income.count)笔 \(yuan(income.reduce(0) { $0 + $1.pence }))元,,,,,,,,\r\n"
        text += "支出：\(spent.count)笔 \(yuan(-spent.reduce(0) { $0 + $1.pence }))元,,,,,,,,\r\n中性交易：0笔 0.00元,,,,,,,,\r\n"
        text += "注：,,,,,,,,\r\n1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易,,,,,,,,\r\n"
        text += "2. 本明细仅展示当前账单中的交易，不包括已删除的记录,,,,,,,,\r\n3. 本明细仅供个人对账使用,,,,,,,,\r\n,,,,,,,,\r\n"
        text += "----------------------微信支付账单明细列表--------------------,,,,,,,,\r\n"
        text += "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\r\n"
        try out.write(text)
        for (i, e) in entries.enumerated() {
            let (party, item) = Self.partyAndItem(e.text)
            let order = "42000020\(e.day.year)\(two(e.day.month))\(two(e.day.day))\(String(format: "%010d", i + 1))"
            var row = "\(e.day.year)-\(two(e.day.month))-\(two(e.day.day)) \(two(e.hour)):\(two(e.minute)):00,"
            row += "\(e.pence > 0 ? "转账" : "商户消费"),\(party),\"\(item)\",\(e.pence > 0 ? "收入" : "支出"),¥\(yuan(abs(e.pence))),"
            row += "\(e.pence > 0 ? "/" : "零钱"),\(e.pence > 0 ? "已收钱" : "支付成功"),\(order)\t,\(e.pence > 0 ? "/" : "1000\(i + 1)")\t,\"/\"\r\n"
            try out.write(row)
        }
        try out.close()
        return out.bytesWritten
    }

    /// `merchant | item` → (merchant, item); a text without ` | ` is the merchant, the item `/`.
    static func partyAndItem(_ text: String) -> (String, String) {
        let parts = text.components(separatedBy: " | ")
        let clean = { (s: String) in s.replacingOccurrences(of: ",", with: "，") }
        return parts.count > 1 ? (clean(parts[0]), clean(parts[1])) : (clean(text), "/")
    }

    static func chineseCategory(_ mcc: Int?) -> String {
        switch mcc {
        case 5411?, 5499?: return "日用百货"
        case 5812?, 5814?: return "餐饮美食"
        case 4111?, 4121?, 4131?: return "交通出行"
        case 5912?, 8011?, 8099?: return "医疗健康"
        case 7997?: return "运动户外"
        case 5816?: return "文化休闲"
        default: return "其他"
        }
    }
}

func xmlEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}

/// Windows-1251 bytes for Cyrillic and ASCII text (all a Russian statement needs); other
/// characters become "?", as a bank's export would.
func windows1251(_ s: String) -> [UInt8] {
    s.unicodeScalars.map { scalar in
        switch scalar.value {
        case 0..<0x80: return UInt8(scalar.value)
        case 0x0410...0x044F: return UInt8(scalar.value - 0x0410 + 0xC0)
        case 0x0401: return 0xA8
        case 0x0451: return 0xB8
        case 0x2116: return 0xB9
        case 0x00AB: return 0xAB
        case 0x00BB: return 0xBB
        default: return UInt8(ascii: "?")
        }
    }
}

/// `-1234,56`, or with a thousands separator `-1.234,56`.
func decimalComma(_ cents: Int64, grouping: String?) -> String {
    let sign = cents < 0 ? "-" : ""
    let whole = String(abs(cents) / 100)
    var grouped = ""
    for (i, c) in whole.reversed().enumerated() {
        if let grouping, i > 0 && i % 3 == 0 { grouped += grouping }
        grouped.append(c)
    }
    return sign + String(grouped.reversed()) + "," + two(Int(abs(cents) % 100))
}

/// Yuan with two decimals and a point (`1200.00`), as both payment apps write them.
func yuan(_ fen: Int64) -> String {
    let sign = fen < 0 ? "-" : ""
    return sign + String(abs(fen) / 100) + "." + two(Int(abs(fen) % 100))
}
