/// What a record is, independent of which export it came from. Raw values are used in rule
/// files and the database, so they are part of the contract: add cases, never rename.
public enum EventKind: String, Sendable, Codable, CaseIterable, Hashable {
    case transaction
    case visit
    case location
    case search
    case pageView = "page_view"
    case watch
    case post
    case comment
    case like
    case message
    case contact
    case position
    case healthRecord = "health_record"
    case photo
    case listen
    case adInterest = "ad_interest"
    /// A My Activity-style record that is none of the above (an app opened, an ad seen, …).
    case activity
}
