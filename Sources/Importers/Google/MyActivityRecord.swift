import StewardCore

/// One My Activity record as steward reads it, whichever variant it came from (JSON with
/// `header`/`title`/`titleUrl`/`time`/`subtitles`, or the HTML `outer-cell` block with the same
/// pieces as text), and its mapping to an `Event`. Both importers share this mapping so a
/// record means the same thing in either format.
struct MyActivityRecord {
    var header: String?
    var title: String
    var titleUrl: String?
    var time: Timestamp
    /// The channel of a watched video, the app of an Android activity, the advertiser of an ad.
    var firstSubtitle: String?
    var products: [String] = []
    /// The record is known to be a watched video even if its verb is not in the grammar
    /// (`activityControls: ["YouTube watch history"]` in JSON, a /watch link in HTML).
    var isWatchHistory = false
    /// The record's details (JSON `details[].name`, the HTML caption's lines): a Google Pay
    /// payment's status is one of them.
    var details: [String] = []

    var isGooglePay: Bool { header == "Google Pay" || products.contains("Google Pay") }

    var isYouTube: Bool {
        if let header, header.hasPrefix("YouTube") { return true }
        return products.contains("YouTube")
    }

    /// The event for this record: kind from the localized verb in the title
    /// (`MyActivityTitleGrammar`), fields as docs/formats/google.md lists them.
    func event(source: String, position: SourcePosition) -> Event {
        let product = Self.nonEmpty(header) ?? Self.nonEmpty(products.first)
        var event = Event(source: source, kind: .activity, time: time, url: Self.nonEmpty(titleUrl),
                          product: product, position: position)
        if isGooglePay, let payment = GooglePayActivityTitle.parse(title) {
            // A payment that did not go through stays an activity: no money moved.
            if !details.contains(where: GooglePayActivityTitle.failedStatuses.contains) {
                event.kind = .transaction
                event.amount = payment.amount
                event.counterparty = payment.counterparty
                return event
            }
        }
        switch MyActivityTitleGrammar.classify(title) {
        case (.search, let query)?:
            event.kind = .search
            event.text = query
        case (.prompt, let prompt)?:
            // A prompt to Gemini reads like a search, only longer and in the first person: the
            // search rules read it, as they read ChatGPT messages (docs/formats/google.md).
            event.kind = .search
            event.text = prompt
        case (.watch, let object)?:
            event.kind = .watch
            event.title = object
            event.counterparty = firstSubtitle
        case (.visit, let object)?:
            event.kind = .pageView
            event.title = object
        case (.view, let object)?:
            // German "… angesehen" is used both for watched videos and for viewed pages.
            if isYouTube {
                event.kind = .watch
                event.counterparty = firstSubtitle
            } else {
                event.kind = .pageView
            }
            event.title = object
        case nil:
            if isWatchHistory {
                // Watch-history entries whose verb is in an unlisted language or was
                // stripped (anonymised exports): still a watched video.
                event.kind = .watch
                event.title = title
                event.counterparty = firstSubtitle
            } else {
                event.text = title
            }
        }
        return event
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
