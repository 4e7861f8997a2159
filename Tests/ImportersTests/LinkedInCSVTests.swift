import XCTest
import StewardCore
@testable import Importers

/// LinkedIn "Get a copy of your data" CSV files as LinkedIn writes them (values invented).
final class LinkedInCSVTests: XCTestCase {
    func parse(_ text: String, path: String, chunkSize: Int = 64 * 1024) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "linkedin.csv", chunkSize: chunkSize)
    }

    func testPositionsCarryStartAndEnd() throws {
        let text = "\u{FEFF}Company Name,Title,Description,Location,Started On,Finished On\r\n"
            + "ACME GmbH,Engineer,\"Built things,\r\nmany things\",\"Berlin, Germany\",Jan 2023,\r\n"
            + "Initech,Analyst,,Austin,Mar 2021,Nov 2021\r\n"
            + ",Nobody,,,2020,2020\r\n"
        for chunk in [1, 5, 64 * 1024] {
            let result = try parse(text, path: "Positions.csv", chunkSize: chunk)
            XCTAssertEqual(result.events.count, 2, "chunk \(chunk)")
            XCTAssertEqual(result.sink.skippedCount, 1, "the row without a company")
            let acme = result.events[0]
            XCTAssertEqual(acme.kind, .position)
            XCTAssertEqual(acme.counterparty, "ACME GmbH")
            XCTAssertEqual(acme.title, "Engineer")
            XCTAssertEqual(acme.text, "Built things,\nmany things")
            XCTAssertEqual(acme.place, "Berlin, Germany")
            XCTAssertEqual(acme.time?.iso8601.prefix(10), "2023-01-01")
            XCTAssertNil(acme.endTime, "still in the job")
            XCTAssertEqual(result.events[1].endTime?.iso8601.prefix(10), "2021-11-01")
            XCTAssertEqual(acme.position.line, 2)
        }
    }

    func testConnectionsAfterNotesLines() throws {
        let text = """
        Notes:
        "When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

        First Name,Last Name,URL,Email Address,Company,Position,Connected On
        Anna,Schmidt,https://www.linkedin.com/in/anna,,ACME GmbH,Engineer,15 Jan 2023
        Bo,Li,https://www.linkedin.com/in/boli,,,,03 Feb 2022

        """
        let events = try parse(text, path: "Connections.csv").events
        XCTAssertEqual(events.map(\.counterparty), ["Anna Schmidt", "Bo Li"])
        XCTAssertEqual(events.first?.kind, .contact)
        XCTAssertEqual(events.first?.time?.iso8601.prefix(10), "2023-01-15")
    }

    func testMessagesOwnerAndOthers() throws {
        let text = """
        CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
        2-abc,,Sam Doe,u1,Anna Schmidt,u2,2023-01-15 10:20:30 UTC,,Hi Anna,INBOX
        2-abc,,Anna Schmidt,u2,Sam Doe,u1,2023-01-15 10:25:30 UTC,,"Hello Sam, I am job hunting",INBOX
        2-def,,Sam Doe,u1,Bo Li,u3,2023-02-15 10:20:30 UTC,,Hey Bo,INBOX
        2-def,,Bo Li,u3,Sam Doe,u1,bad date,,x,INBOX
        """
        let result = try parse(text, path: "messages.csv")
        XCTAssertEqual(result.events.map(\.authoredByOthers), [false, true, false])
        XCTAssertEqual(result.events[0].counterparty, "Anna Schmidt")
        XCTAssertEqual(result.events[1].counterparty, "Anna Schmidt")
        XCTAssertEqual(result.events[0].time?.iso8601, "2023-01-15T10:20:30Z")
        XCTAssertEqual(result.sink.skippedCount, 1)
    }

    func testInferencesAdTargetingEducationAndJobApplications() throws {
        let inferences = """
        Category,Type of inference,Description,Inference
        Demographics,Age,Inferred age range,25-34
        """
        XCTAssertEqual(try parse(inferences, path: "Inferences_about_you.csv").events.first?.text,
                       "Demographics · Age · Inferred age range: 25-34")
        let targeting = """
        Member Age,Member Gender,Company Names,Member Interests,Member Skills
        25 to 34,Female,,Cybersecurity; Hiking,Swift
        """
        let t = try parse(targeting, path: "Ad_Targeting.csv").events
        XCTAssertEqual(t.map(\.text), ["member age: 25 to 34", "member gender: Female", "member interests: Cybersecurity",
                                       "member interests: Hiking", "member skills: Swift"])
        XCTAssertTrue(t.allSatisfy { $0.kind == .adInterest && $0.product == "ad targeting" })
        let education = """
        School Name,Start Date,End Date,Notes,Degree Name,Activities
        University of Leeds,2015,2018,,BSc Computing,Chess club
        """
        let e = try XCTUnwrap(try parse(education, path: "Education.csv").events.first)
        XCTAssertEqual(e.counterparty, "University of Leeds")
        XCTAssertEqual(e.endTime?.iso8601.prefix(10), "2018-01-01")
        let jobs = """
        Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers
        "1/15/23, 2:20 PM",a@example.org,,Initech,Analyst,https://www.linkedin.com/jobs/view/1,cv.pdf,
        """
        let j = try XCTUnwrap(try parse(jobs, path: "Jobs/Job Applications.csv").events.first)
        XCTAssertEqual(j.product, "job applications")
        XCTAssertEqual(j.time?.iso8601, "2023-01-15T14:20:00")
    }

    func testOtherCSVIsNotClaimed() {
        let bank = "Date,Description,Amount\n2024-01-01,Coffee,-3.00\n"
        XCTAssertNil(LinkedInCSVImporter().detect(FileProbe(path: "statement.csv", head: Array(bank.utf8), size: nil)))
    }

    func testDates() {
        XCTAssertEqual(LinkedInDate.parse("Jan 2019")?.iso8601.prefix(10), "2019-01-01")
        XCTAssertEqual(LinkedInDate.parse("2019")?.iso8601.prefix(10), "2019-01-01")
        XCTAssertEqual(LinkedInDate.parse("03 Feb 2022")?.iso8601.prefix(10), "2022-02-03")
        XCTAssertEqual(LinkedInDate.parse("12/1/22, 12:05 AM")?.iso8601, "2022-12-01T00:05:00")
        XCTAssertNil(LinkedInDate.parse("Smarch 2019"))
        XCTAssertNil(LinkedInDate.parse(""))
    }
}
