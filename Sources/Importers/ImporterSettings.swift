import Foundation

/// What importers need to know about the person that the exports do not say. Passed in by the
/// caller (the CLI maps the environment to it: `ImporterSettings(environment:)` in
/// StewardPipeline); importers never read the process environment themselves, so a library
/// user or a test gets exactly the settings it passes.
public struct ImporterSettings: Sendable, Equatable {
    /// The person's own display names in chat exports (WhatsApp, Telegram single chats), which
    /// do not say who exported them; other senders' messages are counted, not quoted.
    public var ownerNames: Set<String>
    /// `LC_ALL`, `LC_TIME` and `LANG` as the person has them: one hint among several for the
    /// day/month order of bank CSV dates such as 01/03/2025.
    public var localeVariables: [String: String]

    public init(ownerNames: Set<String> = [], localeVariables: [String: String] = [:]) {
        self.ownerNames = ownerNames
        self.localeVariables = localeVariables
    }

    /// "Ana Pérez|Ana" → ["Ana Pérez", "Ana"]; blanks ignored.
    public static func ownerNames(from value: String?) -> Set<String> {
        guard let value else { return [] }
        return Set(value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
