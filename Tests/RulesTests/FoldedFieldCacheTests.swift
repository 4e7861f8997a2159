import Foundation
import XCTest
@testable import Rules

final class FoldedFieldCacheTests: XCTestCase {
    private let automaton = LexiconAutomaton(terms: [
        LexiconAutomaton.Term(group: "bet", text: "bet", isPrefix: false),
        LexiconAutomaton.Term(group: "shop", text: "shop", isPrefix: false),
    ])

    /// Whatever was asked before, each slot answers with the fold and hits of the text asked
    /// for now: the same value again, an equal text in other storage, a different text of the
    /// same length, a text that differs in one byte, and nil or empty (nothing).
    func testEachAnswerIsThatOfTheTextAskedFor() {
        let cache = FoldedFieldCache(automaton: automaton)
        func check(_ value: String?, _ slot: FoldedFieldCache.Slot, _ line: UInt = #line) {
            let expectedBytes = value.map { TextFolder.fold($0) } ?? []
            let expectedHits = value.map { automaton.hits(in: $0).map(\.group) } ?? []
            XCTAssertEqual(cache.bytes(value, slot), expectedBytes, "bytes of \(value ?? "nil")", line: line)
            XCTAssertEqual(cache.hits(value, slot).map(\.group), expectedHits, "hits of \(value ?? "nil")", line: line)
            XCTAssertEqual(cache.entry(value, slot).bytes, expectedBytes, "entry of \(value ?? "nil")", line: line)
        }
        // Built at run time, so the equal texts below sit in different heap storage.
        let long = "online bet at the corner shop " + String(repeating: "x", count: 3)
        let sameText = "online bet at the corner shop " + String(repeating: "x", count: 3)
        let sameLength = "online bot at the corner shop " + String(repeating: "x", count: 3)
        check(long, .text)
        check(long, .text)
        check(sameText, .text)
        check(sameLength, .text)
        check("shop", .counterparty)
        check("shoP", .counterparty)
        check("bet", .counterparty)
        check(nil, .counterparty)
        check("", .text)
        check(long, .text)
        XCTAssertEqual(cache.hits(sameLength, .text).count, 1, "a text one byte away has its own hits")
    }
}
