/// GDPR-aligned sensitivity of an attribute: `special` = Art. 9 category, `criminal` = Art. 10.
public enum Sensitivity: String, Sendable, Codable, CaseIterable {
    case special, criminal, financial, behavioral, location
}

/// One entry of the attribute taxonomy (`rules/attributes.yaml`). Ids are part of the JSON
/// contract: add new ones, never rename.
public struct Attribute: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var sensitivity: Sensitivity
    /// Plain-language text: what a scorer concludes and why it matters.
    public var explanation: String

    public init(id: String, title: String, sensitivity: Sensitivity, explanation: String) {
        self.id = id
        self.title = title
        self.sensitivity = sensitivity
        self.explanation = explanation
    }
}
