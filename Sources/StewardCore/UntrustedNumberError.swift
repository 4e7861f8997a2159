/// Why a number or time read from an export could not be used. Importers turn it into a
/// skipped record (`EventSink.skip`) with `description` as the reason; it never stops a scan.
/// See docs/privacy.md, "Untrusted numbers".
public struct UntrustedNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// Text that is no whole number, or one beyond the 64-bit range (a 30-digit integer).
        case notAnInteger
        /// Text that is no decimal number at all.
        case notANumber
        /// NaN or ±infinity (or a decimal so large it rounds to infinity, such as 1e999).
        case notFinite
        /// The value fits 64 bits, but not once multiplied into the unit asked for.
        case overflow
        /// A time outside `UntrustedTime.plausibleYears`.
        case implausibleDate
        /// A value outside the range its meaning allows (a latitude beyond ±90°).
        case outOfRange(String)
        /// A negative length of time.
        case negativeDuration
    }

    /// The field as the export names it (`date_unixtime`, `latitudeE7`, `ms_played`).
    public var field: String
    /// The offending value as text, shortened; nil where the value is record content (amounts).
    public var value: String?
    public var problem: Problem

    /// Longest value text quoted in a message: a 2 MB digit string must not become the message.
    static let maxQuotedCharacters = QuotedValue.maxCharacters

    public init(field: String, value: String?, problem: Problem) {
        self.field = field
        // Free text in a number field is record content: quoted only when shaped like a number.
        self.value = value.flatMap { QuotedValue.numberOrDate($0) }
        self.problem = problem
    }

    public var description: String {
        let subject = value.map { "\(field) \($0)" } ?? field
        switch problem {
        case .notAnInteger: return "\(subject) is not a whole number within the 64-bit range"
        case .notANumber: return "\(subject) is not a number"
        case .notFinite: return "\(subject) is not a finite number"
        case .overflow: return "\(subject) is too large to convert"
        case .implausibleDate:
            return "\(subject) is not a plausible date (steward reads \(UntrustedTime.plausibleYears.lowerBound)–\(UntrustedTime.plausibleYears.upperBound))"
        case .outOfRange(let range): return "\(subject) is outside \(range)"
        case .negativeDuration: return "\(subject) is a negative duration"
        }
    }
}
