import Foundation
/// The LinkedIn "Get a copy of your data" CSV files steward reads, each identified by the
/// columns of its header row (file names are kept, but the header is what is certain).
public enum LinkedInCSVFile: String, Sendable, CaseIterable {
    case positions
    case connections
    case messages
    case inferences
    case adTargeting
    case education
    case jobApplications

    /// Header columns (lower-case) that identify the file.
    public var requiredColumns: [String] {
        switch self {
        case .positions: return ["company name", "title", "started on", "finished on"]
        case .connections: return ["first name", "last name", "connected on"]
        case .messages: return ["conversation id", "from", "to", "date", "content"]
        case .inferences: return ["category", "type of inference", "inference"]
        case .adTargeting: return ["member interests"]
        case .education: return ["school name", "start date", "end date", "degree name"]
        case .jobApplications: return ["application date", "company name", "job title"]
        }
    }

    /// The file whose header appears among the first lines of `head` (a header may follow
    /// notes lines, as in Connections.csv).
    public static func detect(head: ArraySlice<UInt8>) -> LinkedInCSVFile? {
        var lines = 0
        var start = head.startIndex
        var i = head.startIndex
        while i <= head.endIndex, lines < 16 {
            if i == head.endIndex || head[i] == 0x0A {
                let line = String(decoding: head[start..<i], as: UTF8.self)
                let names = Set(line.lowercased().split(separator: ",").map {
                    $0.trimmingCharacters(in: CharacterSet(charactersIn: " \r\"\u{FEFF}"))
                })
                for file in allCases where file.requiredColumns.allSatisfy(names.contains) { return file }
                lines += 1
                start = i + 1
            }
            i += 1
        }
        return nil
    }
}
