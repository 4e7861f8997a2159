import Foundation
import StewardCore

/// Maps rows of one LinkedIn CSV file to events:
/// - Positions.csv → `.position` (company, title, description, location; Started On → time,
///   Finished On → endTime, empty while the job goes on);
/// - Connections.csv → `.contact`; messages.csv → `.message` (owner guessed, see
///   `ConversationOwnerGuess`); Inferences_about_you.csv and Ad_Targeting.csv → `.adInterest`;
/// - Education.csv → `.activity` ("education"); Job Applications.csv → `.activity`
///   ("job applications").
struct LinkedInRowMapper: CSVRowMapper {
    static let source = "linkedin.csv"

    let file: LinkedInCSVFile
    private var owner = ConversationOwnerGuess()

    init(file: LinkedInCSVFile) {
        self.file = file
    }

    var requiredColumns: [String] { file.requiredColumns }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        let source = Self.source
        switch file {
        case .positions:
            guard let company = row["company name"] else {
                sink.skip("position without a company name", at: row.position)
                return
            }
            let started = row["started on"].flatMap(LinkedInDate.parse)
            if started == nil, let text = row["started on"] {
                sink.warn("unreadable start date \"\(text.prefix(30))\"", at: row.position)
            }
            sink.emit(Event(source: source, kind: .position, time: started, endTime: row["finished on"].flatMap(LinkedInDate.parse),
                            text: row["description"], title: row["title"], counterparty: company, place: row["location"],
                            product: "positions", position: row.position))
        case .connections:
            let name = [row["first name"], row["last name"]].compactMap { $0 }.joined(separator: " ")
            guard !name.isEmpty || row["url"] != nil else {
                sink.skip("connection without a name", at: row.position)
                return
            }
            sink.emit(Event(source: source, kind: .contact, time: row["connected on"].flatMap(LinkedInDate.parse),
                            title: row["position"], url: row["url"], counterparty: name.isEmpty ? row["url"] : name,
                            place: nil, product: row["company"].map { "connections · \($0)" } ?? "connections",
                            position: row.position))
        case .messages:
            guard let date = row["date"].flatMap(LinkedInDate.parse) else {
                sink.skip("message without a readable DATE", at: row.position)
                return
            }
            let event = Event(source: source, kind: .message, time: date, text: row["content"], title: row["subject"],
                              product: "messages", position: row.position)
            owner.add(event, sender: row["from"], recipient: row["to"], into: sink)
        case .inferences:
            guard let inference = row["inference"] else {
                sink.skip("inference row without a value", at: row.position)
                return
            }
            let label = [row["category"], row["type of inference"], row["description"]].compactMap { $0 }.joined(separator: " · ")
            sink.emit(Event(source: source, kind: .adInterest, text: "\(label): \(inference)",
                            product: "inferences about you", position: row.position))
        case .adTargeting:
            // One row; every column a targeting facet with `;`-separated values.
            for (name, index) in row.columns.sorted(by: { $0.value < $1.value }) where index < row.fields.count {
                for value in row.fields[index].split(separator: ";") {
                    let v = value.trimmingSpaces()
                    guard !v.isEmpty else { continue }
                    sink.emit(Event(source: source, kind: .adInterest, text: "\(name): \(v)", product: "ad targeting",
                                    position: SourcePosition(line: row.line, record: row.index, pointer: name)))
                }
            }
        case .education:
            guard let school = row["school name"] else {
                sink.skip("education row without a school name", at: row.position)
                return
            }
            sink.emit(Event(source: source, kind: .activity, time: row["start date"].flatMap(LinkedInDate.parse),
                            endTime: row["end date"].flatMap(LinkedInDate.parse), text: row["notes"],
                            title: row["degree name"], counterparty: school, product: "education", position: row.position))
        case .jobApplications:
            guard let company = row["company name"] else {
                sink.skip("job application without a company name", at: row.position)
                return
            }
            sink.emit(Event(source: source, kind: .activity, time: row["application date"].flatMap(LinkedInDate.parse),
                            title: row["job title"], url: row["job url"], counterparty: company,
                            product: "job applications", position: row.position))
        }
    }

    mutating func finish(into sink: EventSink) {
        owner.flush(into: sink)
    }
}
