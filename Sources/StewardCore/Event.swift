/// One record from an export, normalized. Importers fill in what their format has and leave
/// the rest nil; rules read fields by name (see `Event.Field`).
public struct Event: Sendable {
    /// Importer id, e.g. `bank.ofx`, `google.my_activity`.
    public var source: String
    public var kind: EventKind
    public var time: Timestamp?
    /// End of a record that spans time (a job's "Finished On"); nil for instants and for
    /// spans still open.
    public var endTime: Timestamp?
    /// The main free text: booking text, search query, post body, message text.
    public var text: String?
    public var title: String?
    public var url: String?
    /// Merchant, payee, payer, sender or channel.
    public var counterparty: String?
    public var amount: Money?
    /// ISO 18245 merchant category code when the export carries one.
    public var mcc: Int?
    /// Bank or ISO 20022 transaction code (OFX TRNTYPE, GVC, purpose code).
    public var code: String?
    public var latitude: Double?
    public var longitude: Double?
    public var place: String?
    /// A measured number that is not money (8432 steps, 0.08 % blood alcohol, 42.3 min of
    /// exercise), with its unit as the export writes it in `unit` ("count", "%", "min").
    public var quantity: Double?
    public var unit: String?
    /// Sub-product, e.g. the Google product ("Search", "YouTube").
    public var product: String?
    /// True when the record was written by someone other than the person (a chat partner):
    /// counted, never quoted.
    public var authoredByOthers: Bool
    public var position: SourcePosition

    public init(source: String, kind: EventKind, time: Timestamp? = nil, endTime: Timestamp? = nil, text: String? = nil,
                title: String? = nil, url: String? = nil, counterparty: String? = nil,
                amount: Money? = nil, mcc: Int? = nil, code: String? = nil,
                latitude: Double? = nil, longitude: Double? = nil, place: String? = nil,
                product: String? = nil, authoredByOthers: Bool = false,
                position: SourcePosition = SourcePosition(), quantity: Double? = nil, unit: String? = nil) {
        self.source = source
        self.kind = kind
        self.time = time
        self.endTime = endTime
        self.text = text
        self.title = title
        self.url = url
        self.counterparty = counterparty
        self.amount = amount
        self.mcc = mcc
        self.code = code
        self.latitude = latitude
        self.longitude = longitude
        self.place = place
        self.product = product
        self.authoredByOthers = authoredByOthers
        self.position = position
        self.quantity = quantity
        self.unit = unit
    }

    /// Text fields a lexicon can be matched against. Raw values appear in rule files.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case text, title, url, counterparty, place, product, code
    }

    public func value(of field: Field) -> String? {
        switch field {
        case .text: return text
        case .title: return title
        case .url: return url
        case .counterparty: return counterparty
        case .place: return place
        case .product: return product
        case .code: return code
        }
    }

    /// What an excerpt says instead of another person's words.
    public static let notQuoted = "[message from another person: not quoted]"

    /// A short single-line excerpt for evidence lists (never more than `limit` characters).
    /// Words written by someone else are third parties' data: they are counted, and quoted only
    /// when the person asks (`quotingOthers`, the CLI's `--quote-others`).
    public func excerpt(limit: Int = 120, quotingOthers: Bool = false) -> String {
        if authoredByOthers && !quotingOthers { return Event.notQuoted }
        var parts: [String] = []
        for f in [counterparty, title, text, place] { if let f, !f.isEmpty, !parts.contains(f) { parts.append(f) } }
        if let amount { parts.append(amount.description) }
        if let mcc { parts.append("MCC \(mcc)") }
        var s = parts.joined(separator: " · ")
        // Most excerpts are short and on one line: nothing to replace and no grapheme counting
        // (an excerpt is built for every matched record the database keeps, docs/performance.md).
        // A text of at most `limit` bytes has at most `limit` characters, whatever its script,
        // so only the bytes are read; the separator's dot is not ASCII, so testing for ASCII
        // sent every excerpt of two parts the slow way.
        if s.utf8.count <= limit && !Self.hasLineBreakOrTab(s.utf8) { return s }
        s = String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        if s.count > limit { s = String(s.prefix(limit - 1)) + "…" }
        return s
    }

    /// Whether `bytes` hold a tab or one of the characters `Character.isNewline` names: LF,
    /// VT, FF, CR (0x0A–0x0D), NEL (C2 85), LINE and PARAGRAPH SEPARATOR (E2 80 A8/A9). In
    /// UTF-8 those byte sequences cannot occur inside another character.
    static func hasLineBreakOrTab(_ bytes: String.UTF8View) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in bytes {
            if byte >= 0x09 && byte <= 0x0D { return true }
            if byte == 0x85 && previous == 0xC2 { return true }
            if (byte == 0xA8 || byte == 0xA9) && previous == 0x80 && beforePrevious == 0xE2 { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }
}
