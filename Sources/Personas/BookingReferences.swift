/// What a real statement line carries after the payee's name, for benchmark scales: a card
/// payment's place, date, time and sequence number, a direct debit's customer number and SEPA
/// end-to-end, mandate and creditor references, a transfer's reference. Without them every line
/// of one merchant would be the same bytes (a year of REWE at the bench's scale is tens of
/// thousands of identical texts), and a reader or matcher that caches by text would look fast
/// on data no bank writes (docs/performance.md, "Bank statements"). The demo (scale 1) keeps
/// its short texts; the same persona and scale give the same references on every run.
struct BookingReferences {
    private var rng: SeededGenerator

    init(seed: UInt64) {
        // Its own sequence: the ledger's draws (days, amounts) stay those of the demo.
        rng = SeededGenerator(seed: seed ^ 0x5EED_B00C_0000_0001)
    }

    private mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    /// The letters and digits of references (without I and O, which banks leave out).
    private static let referenceCharacters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")

    private mutating func alphanumerics(_ count: Int) -> String {
        String((0..<count).map { _ in Self.referenceCharacters[Int.random(in: 0..<Self.referenceCharacters.count, using: &rng)] })
    }

    private func isoDate(_ e: PersonaExportWriter.Entry) -> String {
        "\(e.day.year)-\(two(e.day.month))-\(two(e.day.day))"
    }

    /// A German Verwendungszweck as savings banks and direct banks write it: card payments with
    /// the terminal's place and time ("…//Berlin/DE 2025-03-04T18:32:10 KFN 0 VJ 2812"), debits
    /// and credits with the SEPA references.
    mutating func germanPurpose(_ e: PersonaExportWriter.Entry) -> String {
        if e.mcc != nil {
            return "\(e.text)//Berlin/DE \(isoDate(e))T\(two(e.hour)):\(two(e.minute)):\(two(Int.random(in: 0...59, using: &rng))) "
                + "KFN \(Int.random(in: 0...2, using: &rng)) VJ 28\(two(Int.random(in: 1...12, using: &rng))) Folgenr. \(digits(3))"
        }
        if e.pence > 0 {
            return "\(e.text) \(two(e.day.month))/\(e.day.year) EREF: \(alphanumerics(14)) SVWZ: \(digits(10))"
        }
        return "\(e.text) Kd-Nr. \(digits(8)) Rg. \(e.day.year)-\(digits(6)) EREF: \(alphanumerics(16)) "
            + "MREF: \(alphanumerics(10)) CRED: DE\(digits(2))ZZZ\(digits(11))"
    }

    /// A UK current-account description: card payments with a reference and the date
    /// ("… 483920 04MAR25 BCC"), direct debits with the mandate reference.
    mutating func ukDescription(_ e: PersonaExportWriter.Entry) -> String {
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        if e.mcc != nil {
            return "\(e.text) \(digits(6)) \(two(e.day.day))\(months[e.day.month - 1])\(two(e.day.year % 100)) BCC"
        }
        return e.pence > 0 ? "\(e.text) REF \(alphanumerics(12)) BGC" : "\(e.text) \(alphanumerics(10)) DDR"
    }

    /// An OFX MEMO as card issuers fill it: the acquirer's reference and the terminal's place.
    mutating func ofxMemo(_ e: PersonaExportWriter.Entry) -> String {
        "\(digits(23)) \(e.text.count > 12 ? "BERLIN" : "LONDON") \(alphanumerics(6))"
    }
}
