/// What the records of one Facebook or Instagram export file are; decides how an array
/// element becomes an `Event` (see `MetaRecordMapper`).
public enum MetaRecordKind: String, Sendable {
    /// A message thread: `{"participants": […], "messages": […]}`.
    case thread
    case post
    case comment
    /// Likes and reactions to posts, comments and media.
    case reaction
    /// Friends, followers, accounts followed.
    case contact
    /// Groups joined.
    case group
    /// Pages liked or followed.
    case page
    /// Events joined.
    case event
    case search
    /// Interests and categories the platform inferred for ad targeting.
    case adInterest
    /// Advertisers that uploaded a list with the person or targeted them by their activity.
    case advertiser
    /// Apps and websites that sent the platform activity (off-Facebook activity).
    case offPlatformActivity
}

/// Facebook or Instagram: both come from the same exporter in the same JSON shapes.
public enum MetaPlatform: String, Sendable {
    case facebook
    case instagram

    /// The event source id for this platform's records.
    public var source: String { "meta.\(rawValue)" }
}
